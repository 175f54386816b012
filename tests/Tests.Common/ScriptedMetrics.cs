using Orchestrator.Metrics;
using Orchestrator.Plans;
using Policies.Gates;

namespace Tests.Common;

/// <summary>
/// A metric source whose readings a test sets per deployment and metric; by default every deployment looks healthy
/// (p50 20 ms, p95 40 ms, p99 60 ms, no errors, 600 requests in the window).
/// </summary>
public sealed class ScriptedMetrics : IMetricSource, IMetricSourceFactory
{
    private readonly Dictionary<(string Deployment, GateMetric Metric), MetricReading> _readings = [];
    private readonly Lock _gate = new();
    private readonly List<MetricQuery> _queries = [];

    /// <summary>Every query asked, in order.</summary>
    public IReadOnlyList<MetricQuery> Queries
    {
        get
        {
            lock (_gate)
            {
                return [.. _queries];
            }
        }
    }

    /// <summary>When set, every query answers this (e.g. NoData or Unavailable).</summary>
    public MetricReading? Everything { get; set; }

    /// <inheritdoc />
    /// <remarks>True unless a test plays a coarse source such as Azure Monitor.</remarks>
    public bool AnswersExactWindows { get; set; } = true;

    /// <summary>Sets one deployment's reading of one metric.</summary>
    public ScriptedMetrics Set(string deployment, GateMetric metric, MetricReading reading)
    {
        lock (_gate)
        {
            _readings[(deployment.ToUpperInvariant(), metric)] = reading;
        }

        return this;
    }

    /// <summary>Makes a deployment slow (p50/p95/p99 at the given ms) and failing (5xx percent).</summary>
    public ScriptedMetrics Degrade(string deployment, double latencyMs, double errorPercent, long samples = 600) =>
        Set(deployment, GateMetric.LatencyP50Ms, MetricReading.Of(latencyMs, samples))
            .Set(deployment, GateMetric.LatencyP95Ms, MetricReading.Of(latencyMs, samples))
            .Set(deployment, GateMetric.LatencyP99Ms, MetricReading.Of(latencyMs, samples))
            .Set(deployment, GateMetric.ErrorRate5xx, MetricReading.Of(errorPercent, samples));

    /// <inheritdoc />
    public IMetricSource Create(TargetSpec target) => this;

    /// <inheritdoc />
    public Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            _queries.Add(query);
            if (Everything is { } everything)
            {
                return Task.FromResult(everything);
            }

            return Task.FromResult(_readings.TryGetValue((query.Deployment.ToUpperInvariant(), query.Metric), out var reading)
                ? reading
                : Healthy(query.Metric));
        }
    }

    private static MetricReading Healthy(GateMetric metric) => metric switch
    {
        GateMetric.LatencyP50Ms => MetricReading.Of(20, 600),
        GateMetric.LatencyP95Ms => MetricReading.Of(40, 600),
        GateMetric.LatencyP99Ms => MetricReading.Of(60, 600),
        GateMetric.RequestRate => MetricReading.Of(10, 600),
        _ => MetricReading.Of(0, 600),
    };
}
