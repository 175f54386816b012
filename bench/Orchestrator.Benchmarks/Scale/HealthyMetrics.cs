using Orchestrator.Metrics;
using Orchestrator.Plans;
using Policies.Gates;

namespace Orchestrator.Benchmarks.Scale;

/// <summary>A metric source that answers at once that every deployment is healthy (p99 60 ms, no errors, 600 samples).</summary>
internal sealed class HealthyMetrics : IMetricSource, IMetricSourceFactory
{
    /// <inheritdoc />
    public bool AnswersExactWindows => true;

    private static readonly Task<MetricReading> Latency = Task.FromResult(MetricReading.Of(60, 600));
    private static readonly Task<MetricReading> Rate = Task.FromResult(MetricReading.Of(10, 600));
    private static readonly Task<MetricReading> NoErrors = Task.FromResult(MetricReading.Of(0, 600));

    /// <inheritdoc />
    public IMetricSource Create(TargetSpec target) => this;

    /// <inheritdoc />
    public Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default) => query.Metric switch
    {
        GateMetric.LatencyP50Ms or GateMetric.LatencyP95Ms or GateMetric.LatencyP99Ms => Latency,
        GateMetric.RequestRate => Rate,
        _ => NoErrors,
    };
}
