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
}

/// <summary>One metric of one deployment over [<paramref name="Start"/>, <paramref name="End"/>).</summary>
public sealed record MetricQuery(string Deployment, GateMetric Metric, DateTimeOffset Start, DateTimeOffset End);
