namespace Policies.Gates;

/// <summary>Judges one gate from the candidate's (and, for relative gates, the baseline's) reading. Pure.</summary>
/// <remarks>
/// Order of judgement: an unavailable source first (candidate, then baseline for relative gates), then missing or
/// thin data (candidate, then baseline), and only then the threshold. So a verdict of Pass or Fail always stands on
/// at least <see cref="Gate.MinSamples"/> samples on every side it compares. Edge cases, chosen on purpose:
/// <list type="bullet">
/// <item>A NaN value counts as no value (a percentile of nothing), so it is Inconclusive, never a pass.</item>
/// <item>A ratio gate over a baseline of 0 has a bound of 0: the candidate passes only at 0 too. Use
/// <see cref="ThresholdKind.PointsOverBaseline"/> for rates that are often 0, or give the ratio a
/// <see cref="GateThreshold.MinDifference"/>.</item>
/// <item>A ratio gate with a noise floor fails only when the observed value exceeds both the ratio's bound and the
/// baseline plus the floor; the evaluation records the effective bound, max(ratio × baseline, baseline + floor),
/// so the stored threshold is still "the value the candidate was held to".</item>
/// <item>A value exactly at the bound passes; a relative tolerance of 1e-9 keeps floating-point noise
/// (0.1 + 0.2) from failing a value that is at the bound on paper.</item>
/// </list>
/// </remarks>
public static class GateEvaluator
{
    private const double Tolerance = 1e-9;

    /// <summary>Pass, Fail, Inconclusive (too few samples) or SourceUnavailable, with the evidence.</summary>
    /// <param name="gate">The gate.</param>
    /// <param name="candidate">The candidate's reading over the window.</param>
    /// <param name="baseline">The baseline's reading over the same window; required for relative gates.</param>
    /// <param name="windowStart">Start of the window.</param>
    /// <param name="windowEnd">End of the window (now).</param>
    public static GateEvaluation Evaluate(Gate gate, MetricReading candidate, MetricReading? baseline, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(candidate);

        var metric = gate.Metric;
        var name = metric.ToPolicyName();
        var relative = gate.Threshold.NeedsBaseline;
        var observed = ValueOf(candidate);
        var baselineValue = relative ? ValueOf(baseline) : null;
        var bound = Bound(gate.Threshold, baselineValue);

        GateEvaluation Verdict(GateVerdict verdict, string reason) =>
            new(gate.Name, metric, verdict, observed, baselineValue, bound, candidate.Samples, windowStart, windowEnd, reason);

        if (candidate.IsUnavailable)
        {
            return Verdict(GateVerdict.SourceUnavailable, $"{name} of the candidate is unavailable: {candidate.Error}");
        }

        if (relative && baseline is null)
        {
            return Verdict(GateVerdict.SourceUnavailable, $"{name} of the baseline was not queried, and this gate compares with it");
        }

        if (relative && baseline!.IsUnavailable)
        {
            return Verdict(GateVerdict.SourceUnavailable, $"{name} of the baseline is unavailable: {baseline.Error}");
        }

        if (Thin(candidate, gate.MinSamples, "candidate", name) is { } candidateGap)
        {
            return Verdict(GateVerdict.Inconclusive, candidateGap);
        }

        if (relative && Thin(baseline!, gate.MinSamples, "baseline", name) is { } baselineGap)
        {
            return Verdict(GateVerdict.Inconclusive, baselineGap);
        }

        var value = observed!.Value;
        var limit = bound!.Value;
        var slack = Tolerance * Math.Max(1, Math.Abs(limit));
        var passed = gate.Threshold.Kind == ThresholdKind.AtLeast ? value >= limit - slack : value <= limit + slack;
        var verb = (passed, gate.Threshold.Kind) switch
        {
            (true, ThresholdKind.AtLeast) => "meets",
            (false, ThresholdKind.AtLeast) => "is below",
            (true, _) => "is within",
            (false, _) => "exceeds",
        };
        var reason = $"{name} {metric.Format(value)} {verb} {Describe(gate.Threshold, metric, baselineValue, limit, passed)} over {candidate.Samples} samples";
        return Verdict(passed ? GateVerdict.Pass : GateVerdict.Fail, reason);
    }

    private static double? ValueOf(MetricReading? reading) =>
        reading?.Value is { } value && !double.IsNaN(value) ? value : null;

    /// <summary>The bound the observed value is held to, or null when a relative gate has no baseline value.</summary>
    private static double? Bound(GateThreshold threshold, double? baseline) => threshold.Kind switch
    {
        ThresholdKind.AtMost or ThresholdKind.AtLeast => threshold.Value,
        // A floor only ever raises the bound, so it can turn a fail into a pass and never the reverse; without one
        // (0) the bound is the plain ratio, as before floors existed.
        ThresholdKind.RatioOfBaseline when threshold.MinDifference > 0 => baseline is { } b ? Math.Max(threshold.Value * b, b + threshold.MinDifference) : null,
        ThresholdKind.RatioOfBaseline => threshold.Value * baseline,
        ThresholdKind.PointsOverBaseline => baseline + threshold.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold.Kind, "unknown threshold kind"),
    };

    /// <summary>Why a reading is too thin to judge, or null when it has a value over enough samples.</summary>
    private static string? Thin(MetricReading reading, long minSamples, string side, string name)
    {
        if (ValueOf(reading) is null)
        {
            return $"{name} of the {side} has no data in the window ({reading.Samples} samples, {minSamples} required)";
        }

        return reading.Samples < minSamples
            ? $"{name} of the {side} stands on {reading.Samples} samples, fewer than the {minSamples} required"
            : null;
    }

    private static string Describe(GateThreshold threshold, GateMetric metric, double? baseline, double limit, bool passed)
    {
        var factor = GateMetricExtensions.FormatNumber(threshold.Value);
        return threshold.Kind switch
        {
            ThresholdKind.AtMost => $"the maximum {metric.Format(limit)}",
            ThresholdKind.AtLeast => $"the minimum {metric.Format(limit)}",
            ThresholdKind.RatioOfBaseline when threshold.MinDifference > 0 => DescribeFloor(threshold, metric, baseline!.Value, passed),
            ThresholdKind.RatioOfBaseline => $"{factor} × baseline {metric.Format(baseline!.Value)} = {metric.Format(limit)}",
            // "Points" only where the metric is a percent (0.5 points of 5xx rate); a latency margin is in ms.
            ThresholdKind.PointsOverBaseline => $"baseline {metric.Format(baseline!.Value)} + {metric.FormatDifference(threshold.Value)} = {metric.Format(limit)}",
            _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold.Kind, "unknown threshold kind"),
        };
    }

    /// <summary>
    /// Both halves of a floored ratio, e.g. <c>1.2 × baseline 3 ms = 3.6 ms or within 5 ms of the baseline (8 ms)</c>:
    /// a pass needs either, a fail exceeds both.
    /// </summary>
    private static string DescribeFloor(GateThreshold threshold, GateMetric metric, double baseline, bool passed)
    {
        var ratio = $"{GateMetricExtensions.FormatNumber(threshold.Value)} × baseline {metric.Format(baseline)} = {metric.Format(threshold.Value * baseline)}";
        var floor = metric.FormatDifference(threshold.MinDifference);
        var floorBound = metric.Format(baseline + threshold.MinDifference);
        return passed
            ? $"{ratio} or within {floor} of the baseline ({floorBound})"
            : $"{ratio} and is more than {floor} over the baseline ({floorBound})";
    }
}
