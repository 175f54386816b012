namespace Policies.Gates;

/// <summary>One gate's verdict with its evidence, so every decision can be explained later.</summary>
/// <param name="Gate">The gate's name.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Verdict">Pass, Fail, Inconclusive or SourceUnavailable.</param>
/// <param name="Observed">The candidate's value.</param>
/// <param name="Baseline">The baseline's value over the same window, for relative gates.</param>
/// <param name="Threshold">The bound the observed value was held to (after applying the baseline).</param>
/// <param name="Samples">The candidate's sample count.</param>
/// <param name="WindowStart">Start of the evaluated window.</param>
/// <param name="WindowEnd">End of the evaluated window (the evaluation time).</param>
/// <param name="Reason">A plain sentence, e.g. <c>p99 412 ms exceeds 1.2 × baseline 180 ms = 216 ms</c>.</param>
public sealed record GateEvaluation(
    string Gate,
    GateMetric Metric,
    GateVerdict Verdict,
    double? Observed,
    double? Baseline,
    double? Threshold,
    long Samples,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string Reason);
