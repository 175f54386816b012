namespace EndToEnd.Tests;

/// <summary>
/// Runs the browser test alone, after the parallel ones: chromium's rendering is the heaviest load of the suite, and
/// on a 2-core machine it would slow the other tests' scoring processes enough to trip their latency gates.
/// </summary>
[CollectionDefinition(nameof(DashboardBrowserTests), DisableParallelization = true)]
public sealed class DashboardBrowserRunsAlone;
