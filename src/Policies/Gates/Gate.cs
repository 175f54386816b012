namespace Policies.Gates;

/// <summary>One gate: a metric of the candidate held to a threshold over a window, given enough samples.</summary>
/// <param name="Name">Shown in verdicts, e.g. <c>p99-vs-baseline</c>.</param>
/// <param name="Metric">What is measured.</param>
/// <param name="Threshold">Absolute, or relative to the baseline over the same window.</param>
/// <param name="Window">How far back each evaluation looks.</param>
/// <param name="MinSamples">Fewer requests than this in the window make the verdict Inconclusive.</param>
public sealed record Gate(string Name, GateMetric Metric, GateThreshold Threshold, TimeSpan Window, long MinSamples);

/// <summary>How a gate's observed value is judged.</summary>
/// <param name="Kind">Absolute or relative.</param>
/// <param name="Value">The bound: a value, a factor of the baseline, or points over the baseline.</param>
/// <param name="MinDifference">
/// The noise floor of a <see cref="ThresholdKind.RatioOfBaseline"/> gate, in the metric's unit (ms, percent points,
/// req/s): the gate fails only when the observed value also exceeds the baseline by more than this, so a 1 ms
/// difference on a 3 ms p99 does not roll back. 0 (no floor) for every other kind; the policy reader refuses it there.
/// </param>
public sealed record GateThreshold(ThresholdKind Kind, double Value, double MinDifference = 0)
{
    /// <summary>True when the baseline's value over the same window is needed.</summary>
    public bool NeedsBaseline => Kind is ThresholdKind.RatioOfBaseline or ThresholdKind.PointsOverBaseline;
}

/// <summary>The kinds of threshold.</summary>
public enum ThresholdKind
{
    /// <summary>Observed ≤ Value.</summary>
    AtMost,

    /// <summary>Observed ≥ Value (e.g. a minimum request rate).</summary>
    AtLeast,

    /// <summary>Observed ≤ Value × baseline (e.g. green p99 ≤ 1.2 × blue p99); with a MinDifference, observed ≤ max(Value × baseline, baseline + MinDifference).</summary>
    RatioOfBaseline,

    /// <summary>Observed ≤ baseline + Value (e.g. green 5xx rate ≤ blue + 0.5 points).</summary>
    PointsOverBaseline,
}
