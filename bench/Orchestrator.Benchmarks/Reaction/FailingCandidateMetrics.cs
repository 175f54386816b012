using Orchestrator.Benchmarks.Probes;
using Orchestrator.Metrics;
using Orchestrator.Plans;
using Policies.Gates;

namespace Orchestrator.Benchmarks.Reaction;

/// <summary>
/// A scripted metric source: the candidate is slow and failing (p99 900 ms, 30% 5xx), the baseline healthy
/// (p99 60 ms, no errors), each over 600 samples. Answers at once, so a gate check's time is the orchestrator's.
/// </summary>
internal sealed class FailingCandidateMetrics(string candidate, RollbackMarks marks) : IMetricSource, IMetricSourceFactory
{
    /// <inheritdoc />
    public bool AnswersExactWindows => true;

    private static readonly MetricReading SlowP99 = MetricReading.Of(900, 600);
    private static readonly MetricReading FastP99 = MetricReading.Of(60, 600);
    private static readonly MetricReading Failing = MetricReading.Of(30, 600);
    private static readonly MetricReading Healthy = MetricReading.Of(0, 600);

    /// <inheritdoc />
    public IMetricSource Create(TargetSpec target) => this;

    /// <inheritdoc />
    public Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        var isCandidate = string.Equals(query.Deployment, candidate, StringComparison.OrdinalIgnoreCase);
        var reading = query.Metric switch
        {
            GateMetric.LatencyP50Ms or GateMetric.LatencyP95Ms or GateMetric.LatencyP99Ms => isCandidate ? SlowP99 : FastP99,
            _ => isCandidate ? Failing : Healthy,
        };
        marks.MetricQueried();
        return Task.FromResult(reading);
    }
}
