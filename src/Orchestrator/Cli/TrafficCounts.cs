namespace Orchestrator.Cli;

/// <summary>What the synthetic traffic of <c>run --traffic</c> sent.</summary>
/// <param name="Sent">Scoring requests sent.</param>
/// <param name="Failed">Those that got no 2xx answer: an error status, a refused connection or a timeout.</param>
internal sealed record TrafficCounts(long Sent, long Failed);
