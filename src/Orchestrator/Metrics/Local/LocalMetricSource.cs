using Orchestrator.Targets.Local;
using Policies.Gates;

namespace Orchestrator.Metrics.Local;

/// <summary>
/// <see cref="IMetricSource"/> over a local endpoint's own measurements. A deployment's value over [Start, End)
/// stands on all its requests in the window (live, pinned and mirrored: in shadow, every request green gets is
/// a mirrored one). Latency percentiles in ms, error rates in percent of requests (by the deployment's own
/// status, so a model's 500 counts as 5xx although the client saw 424), request rate in requests per second.
/// </summary>
public sealed class LocalMetricSource(LocalEndpointHost host, string endpoint) : IMetricSource
{
    /// <inheritdoc />
    public bool AnswersExactWindows => true;

    /// <inheritdoc />
    public Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (host.GetEndpoint(endpoint) is not { } local)
        {
            return Task.FromResult(MetricReading.Unavailable($"local endpoint '{endpoint}' does not exist"));
        }

        if (query.End <= query.Start)
        {
            return Task.FromResult(MetricReading.Unavailable($"empty window [{query.Start:O}, {query.End:O})"));
        }

        var window = local.Measurements.Query(query.Deployment, query.Start, query.End);
        if (window.Requests == 0)
        {
            return Task.FromResult(MetricReading.NoData);
        }

        var value = query.Metric switch
        {
            GateMetric.LatencyP50Ms => window.LatencyPercentileMs(0.50)!.Value,
            GateMetric.LatencyP95Ms => window.LatencyPercentileMs(0.95)!.Value,
            GateMetric.LatencyP99Ms => window.LatencyPercentileMs(0.99)!.Value,
            GateMetric.ErrorRate5xx => 100.0 * window.ServerErrors / window.Requests,
            GateMetric.ErrorRate4xx => 100.0 * window.ClientErrors / window.Requests,
            GateMetric.RequestRate => window.Requests / (query.End - query.Start).TotalSeconds,
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Metric, "unknown gate metric"),
        };
        return Task.FromResult(MetricReading.Of(value, window.Requests));
    }
}
