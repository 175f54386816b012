using Policies.Gates;

namespace Orchestrator.Metrics;

/// <summary>
/// Metrics of one endpoint's deployments. "No data" is explicit (<see cref="MetricReading.NoData"/>), and an
/// outage is a reading too (<see cref="MetricReading.Unavailable"/>), never an exception out of a gate check.
/// </summary>
public interface IMetricSource
{
    /// <summary>The metric's value for one deployment over a window, with its sample count.</summary>
    Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the source answers any window exactly (the local host's own measurements): gates then read a step
    /// from its start on. False when it answers in coarse grains (Azure Monitor: whole minutes, the one still filling
    /// left out), where a window cut at the step's start would hold no data for the step's first minute or two: its
    /// windows reach back past the step's start.
    /// </summary>
    bool AnswersExactWindows { get; }
}

/// <summary>One metric of one deployment over [<paramref name="Start"/>, <paramref name="End"/>).</summary>
public sealed record MetricQuery(string Deployment, GateMetric Metric, DateTimeOffset Start, DateTimeOffset End);
