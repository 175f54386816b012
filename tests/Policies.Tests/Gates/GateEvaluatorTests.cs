using Policies.Gates;

namespace Policies.Gates.Tests;

public class GateEvaluatorTests
{
    private static readonly DateTimeOffset End = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = End.AddMinutes(-5);

    private static Gate GateOf(ThresholdKind kind, double value, GateMetric metric = GateMetric.LatencyP99Ms, long minSamples = 50) =>
        new("g", metric, new GateThreshold(kind, value), TimeSpan.FromMinutes(5), minSamples);

    public static TheoryData<ThresholdKind, double, double, double?, GateVerdict, double> Thresholds => new()
    {
        // kind, bound, observed, baseline, verdict, effective threshold
        { ThresholdKind.AtMost, 300, 250, null, GateVerdict.Pass, 300 },
        { ThresholdKind.AtMost, 300, 300, null, GateVerdict.Pass, 300 },
        { ThresholdKind.AtMost, 300, 300.5, null, GateVerdict.Fail, 300 },
        { ThresholdKind.AtLeast, 10, 12, null, GateVerdict.Pass, 10 },
        { ThresholdKind.AtLeast, 10, 10, null, GateVerdict.Pass, 10 },
        { ThresholdKind.AtLeast, 10, 9.9, null, GateVerdict.Fail, 10 },
        { ThresholdKind.RatioOfBaseline, 1.2, 216, 180, GateVerdict.Pass, 216 },
        { ThresholdKind.RatioOfBaseline, 1.2, 412, 180, GateVerdict.Fail, 216 },
        { ThresholdKind.RatioOfBaseline, 1.2, 100, 180, GateVerdict.Pass, 216 },
        // A ratio over a zero baseline bounds at zero: only zero passes (documented choice).
        { ThresholdKind.RatioOfBaseline, 2, 0, 0, GateVerdict.Pass, 0 },
        { ThresholdKind.RatioOfBaseline, 2, 0.1, 0, GateVerdict.Fail, 0 },
        { ThresholdKind.PointsOverBaseline, 0.5, 1.5, 1, GateVerdict.Pass, 1.5 },
        { ThresholdKind.PointsOverBaseline, 0.5, 1.6, 1, GateVerdict.Fail, 1.5 },
        { ThresholdKind.PointsOverBaseline, 0.5, 0.5, 0, GateVerdict.Pass, 0.5 },
        // Floating-point noise at the bound does not fail: 0.1 + 0.2 is 0.30000000000000004.
        { ThresholdKind.PointsOverBaseline, 0.2, 0.3, 0.1, GateVerdict.Pass, 0.1 + 0.2 },
    };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Evaluate_EnoughSamples_JudgesByThresholdKind(ThresholdKind kind, double bound, double observed, double? baseline, GateVerdict expected, double threshold)
    {
        var gate = GateOf(kind, bound);
        var baselineReading = baseline is { } b ? MetricReading.Of(b, 500) : null;

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(observed, 400), baselineReading, Start, End);

        Assert.Equal(expected, result.Verdict);
        Assert.Equal(threshold, result.Threshold!.Value, 9);
        Assert.Equal(observed, result.Observed);
        Assert.Equal(baseline, result.Baseline);
        Assert.Equal(400, result.Samples);
        Assert.Equal((Start, End), (result.WindowStart, result.WindowEnd));
        Assert.Equal("g", result.Gate);
        Assert.Equal(GateMetric.LatencyP99Ms, result.Metric);
    }

    public static TheoryData<string, MetricReading, MetricReading?, ThresholdKind, GateVerdict> MissingData => new()
    {
        { "candidate unavailable", MetricReading.Unavailable("timeout"), MetricReading.Of(100, 500), ThresholdKind.RatioOfBaseline, GateVerdict.SourceUnavailable },
        { "candidate unavailable on an absolute gate", MetricReading.Unavailable("timeout"), null, ThresholdKind.AtMost, GateVerdict.SourceUnavailable },
        { "baseline unavailable", MetricReading.Of(100, 500), MetricReading.Unavailable("503"), ThresholdKind.RatioOfBaseline, GateVerdict.SourceUnavailable },
        { "baseline not queried", MetricReading.Of(100, 500), null, ThresholdKind.PointsOverBaseline, GateVerdict.SourceUnavailable },
        { "unavailable wins over thin data", MetricReading.NoData, MetricReading.Unavailable("503"), ThresholdKind.RatioOfBaseline, GateVerdict.SourceUnavailable },
        { "candidate has no data", MetricReading.NoData, null, ThresholdKind.AtMost, GateVerdict.Inconclusive },
        { "candidate has too few samples", MetricReading.Of(1, 49), null, ThresholdKind.AtMost, GateVerdict.Inconclusive },
        { "candidate value is NaN", MetricReading.Of(double.NaN, 500), null, ThresholdKind.AtMost, GateVerdict.Inconclusive },
        { "too few samples on a breaking value is no fail either", MetricReading.Of(99999, 3), null, ThresholdKind.AtMost, GateVerdict.Inconclusive },
        { "baseline has no data", MetricReading.Of(100, 500), MetricReading.NoData, ThresholdKind.RatioOfBaseline, GateVerdict.Inconclusive },
        { "baseline has too few samples", MetricReading.Of(100, 500), MetricReading.Of(100, 10), ThresholdKind.PointsOverBaseline, GateVerdict.Inconclusive },
        { "absolute gate ignores a thin baseline", MetricReading.Of(100, 500), MetricReading.NoData, ThresholdKind.AtMost, GateVerdict.Pass },
        { "exactly the minimum samples is enough", MetricReading.Of(100, 50), null, ThresholdKind.AtMost, GateVerdict.Pass },
    };

    [Theory]
    [MemberData(nameof(MissingData))]
    public void Evaluate_MissingOrThinData_IsNeverAPass(string scenario, MetricReading candidate, MetricReading? baseline, ThresholdKind kind, GateVerdict expected)
    {
        var gate = GateOf(kind, kind == ThresholdKind.AtMost ? 300 : 1.2);

        var result = GateEvaluator.Evaluate(gate, candidate, baseline, Start, End);

        Assert.True(expected == result.Verdict, $"{scenario}: expected {expected}, got {result.Verdict} ({result.Reason})");
    }

    [Fact]
    public void Evaluate_RatioGateFails_ReasonCarriesTheNumbers()
    {
        var gate = GateOf(ThresholdKind.RatioOfBaseline, 1.2);

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(412, 812), MetricReading.Of(180, 900), Start, End);

        Assert.Equal("latency_p99_ms 412 ms exceeds 1.2 × baseline 180 ms = 216 ms over 812 samples", result.Reason);
    }

    public static TheoryData<string, double, double, double, double, GateVerdict, double> Floors => new()
    {
        // scenario, ratio, floor, observed, baseline, verdict, effective threshold = max(ratio × baseline, baseline + floor)
        { "1 ms over a 3 ms p99: the ratio fails, the floor forgives", 1.2, 5, 4, 3, GateVerdict.Pass, 8 },
        { "exactly at the floor passes", 1.2, 5, 8, 3, GateVerdict.Pass, 8 },
        { "past the floor and the ratio fails", 1.2, 5, 8.5, 3, GateVerdict.Fail, 8 },
        { "a slow baseline: the ratio is the higher bound and rules", 1.2, 5, 216, 180, GateVerdict.Pass, 216 },
        { "a slow baseline: 10 ms over is within the floor, but beyond the ratio it still fails", 1.2, 5, 230, 180, GateVerdict.Fail, 216 },
        { "where both bounds meet (baseline 25 ms)", 1.2, 5, 30, 25, GateVerdict.Pass, 30 },
        { "a zero baseline no longer bounds at zero", 2, 0.5, 0.4, 0, GateVerdict.Pass, 0.5 },
        { "a zero baseline still fails past the floor", 2, 0.5, 0.6, 0, GateVerdict.Fail, 0.5 },
        { "floor 0 is no floor", 1.2, 0, 4, 3, GateVerdict.Fail, 3.6 },
        { "floor 0 is no floor, also below a ratio of 1", 0.9, 0, 2.8, 3, GateVerdict.Fail, 2.7 },
    };

    [Theory]
    [MemberData(nameof(Floors))]
    public void Evaluate_RatioWithNoiseFloor_FailsOnlyBeyondRatioAndFloor(string scenario, double ratio, double floor, double observed, double baseline, GateVerdict expected, double threshold)
    {
        var gate = GateOf(ThresholdKind.RatioOfBaseline, ratio) with { Threshold = new(ThresholdKind.RatioOfBaseline, ratio, floor) };

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(observed, 400), MetricReading.Of(baseline, 500), Start, End);

        Assert.True(expected == result.Verdict, $"{scenario}: expected {expected}, got {result.Verdict} ({result.Reason})");
        Assert.Equal(threshold, result.Threshold!.Value, 9);
        Assert.Equal(baseline, result.Baseline);
    }

    [Theory]
    [InlineData(4, "latency_p99_ms 4 ms is within 1.2 × baseline 3 ms = 3.6 ms or within 5 ms of the baseline (8 ms) over 400 samples")]
    [InlineData(9, "latency_p99_ms 9 ms exceeds 1.2 × baseline 3 ms = 3.6 ms and is more than 5 ms over the baseline (8 ms) over 400 samples")]
    public void Evaluate_RatioWithNoiseFloor_ReasonNamesBothBounds(double observed, string reason)
    {
        var gate = GateOf(ThresholdKind.RatioOfBaseline, 1.2) with { Threshold = new(ThresholdKind.RatioOfBaseline, 1.2, 5) };

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(observed, 400), MetricReading.Of(3, 500), Start, End);

        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Evaluate_RatioWithNoiseFloorOnErrorRate_GivesTheFloorInPoints()
    {
        var gate = GateOf(ThresholdKind.RatioOfBaseline, 2, GateMetric.ErrorRate5xx) with { Threshold = new(ThresholdKind.RatioOfBaseline, 2, 0.5) };

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(0.4, 400), MetricReading.Of(0, 500), Start, End);

        Assert.Equal("error_rate_5xx 0.4% is within 2 × baseline 0% = 0% or within 0.5 points of the baseline (0.5%) over 400 samples", result.Reason);
    }

    [Fact]
    public void Evaluate_RatioWithNoiseFloorAndThinBaseline_IsInconclusiveAndKeepsTheEffectiveBound()
    {
        var gate = GateOf(ThresholdKind.RatioOfBaseline, 1.2) with { Threshold = new(ThresholdKind.RatioOfBaseline, 1.2, 5) };

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(900, 400), MetricReading.Of(3, 10), Start, End);

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        Assert.Equal(8, result.Threshold!.Value, 9);
    }

    [Fact]
    public void Evaluate_PointsGatePasses_ReasonUsesPercents()
    {
        var gate = GateOf(ThresholdKind.PointsOverBaseline, 0.5, GateMetric.ErrorRate5xx);

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(1.25, 300), MetricReading.Of(1, 300), Start, End);

        Assert.Equal("error_rate_5xx 1.25% is within baseline 1% + 0.5 points = 1.5% over 300 samples", result.Reason);
    }

    [Fact]
    public void Evaluate_PointsGateOnLatency_ReasonGivesTheMarginInMilliseconds()
    {
        var gate = GateOf(ThresholdKind.PointsOverBaseline, 100, GateMetric.LatencyP99Ms);

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(597, 300), MetricReading.Of(96.5, 300), Start, End);

        Assert.Equal("latency_p99_ms 597 ms exceeds baseline 96.5 ms + 100 ms = 196.5 ms over 300 samples", result.Reason);
    }

    [Fact]
    public void Evaluate_RequestRateBelowMinimum_ReasonSaysBelow()
    {
        var gate = GateOf(ThresholdKind.AtLeast, 5, GateMetric.RequestRate, minSamples: 10);

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(2.5, 150), null, Start, End);

        Assert.Equal(GateVerdict.Fail, result.Verdict);
        Assert.Equal("request_rate 2.5 req/s is below the minimum 5 req/s over 150 samples", result.Reason);
    }

    [Fact]
    public void Evaluate_TooFewSamples_KeepsObservedAndSaysHowMany()
    {
        var gate = GateOf(ThresholdKind.RatioOfBaseline, 1.2);

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(900, 12), MetricReading.Of(100, 500), Start, End);

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        Assert.Equal(900, result.Observed);
        Assert.Equal(120, result.Threshold!.Value, 9);
        Assert.Equal(12, result.Samples);
        Assert.Equal("latency_p99_ms of the candidate stands on 12 samples, fewer than the 50 required", result.Reason);
    }

    [Fact]
    public void Evaluate_SourceUnavailable_ReasonNamesTheSideAndError()
    {
        var gate = GateOf(ThresholdKind.PointsOverBaseline, 0.5, GateMetric.ErrorRate5xx);

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(1, 500), MetricReading.Unavailable("HTTP 503 from metrics API"), Start, End);

        Assert.Equal(GateVerdict.SourceUnavailable, result.Verdict);
        Assert.Null(result.Baseline);
        Assert.Null(result.Threshold);
        Assert.Equal("error_rate_5xx of the baseline is unavailable: HTTP 503 from metrics API", result.Reason);
    }

    [Fact]
    public void Evaluate_AbsoluteGate_RecordsNoBaseline()
    {
        var gate = GateOf(ThresholdKind.AtMost, 300);

        var result = GateEvaluator.Evaluate(gate, MetricReading.Of(100, 500), MetricReading.Of(90, 500), Start, End);

        Assert.Null(result.Baseline);
        Assert.Equal(300, result.Threshold);
    }
}
