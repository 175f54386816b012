using FsCheck;
using FsCheck.Fluent;

namespace Policies.Gates.Tests;

/// <summary>
/// Properties of the noise floor over generated ratios, floors and readings (FsCheck 3 core, run from facts): a floor
/// only ever forgives, and a floor of 0 is exactly the ratio gate as it was before floors existed.
/// </summary>
public class GateEvaluatorPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(2_000);
    private static readonly DateTimeOffset End = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Ratios 0.1..5, floors 0..200, values 0..1000 with a tenth of them exact multiples so bounds are hit on the dot.</summary>
    private static readonly Gen<Case> Cases =
        from ratio in Gen.Choose(1, 50).Select(r => r / 10.0)
        from floor in Gen.Frequency((1, Gen.Constant(0.0)), (4, Gen.Choose(0, 2_000).Select(f => f / 10.0)))
        from baseline in Gen.Choose(0, 10_000).Select(b => b / 10.0)
        from exact in Gen.Elements(true, false)
        from observed in exact ? Gen.Elements(ratio * baseline, baseline + floor, baseline) : Gen.Choose(0, 10_000).Select(o => o / 10.0)
        from samples in Gen.Choose(0, 120)
        from baselineSamples in Gen.Choose(0, 120)
        from metric in Gen.Elements(GateMetric.LatencyP99Ms, GateMetric.LatencyP50Ms, GateMetric.ErrorRate5xx, GateMetric.RequestRate)
        select new Case(ratio, floor, baseline, observed, samples, baselineSamples, metric);

    [Fact]
    public void Evaluate_AddingAFloor_NeverTurnsAPassIntoAFail()
    {
        Check.One(Runs, Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var without = c.Evaluate(floor: 0);
            var with = c.Evaluate(c.Floor);

            Assert.False(without.Verdict == GateVerdict.Pass && with.Verdict == GateVerdict.Fail, $"{c}: {without.Reason} / {with.Reason}");
            Assert.True(with.Verdict == without.Verdict || (without.Verdict, with.Verdict) == (GateVerdict.Fail, GateVerdict.Pass), $"{c}: only a fail may become a pass");
            Assert.True(with.Threshold >= without.Threshold, $"{c}: the floor lowered the bound");
        }));
    }

    [Fact]
    public void Evaluate_FloorZero_JudgesAsThePlainRatio()
    {
        Check.One(Runs, Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var floored = c.Evaluate(floor: 0);
            var plain = GateEvaluator.Evaluate(c.Gate(new GateThreshold(ThresholdKind.RatioOfBaseline, c.Ratio)), c.Candidate, c.BaselineReading, End.AddMinutes(-2), End);

            Assert.Equal(plain, floored);
            if (plain.Verdict is GateVerdict.Pass or GateVerdict.Fail)
            {
                // Today's rule written out: observed ≤ ratio × baseline (with the evaluator's 1e-9 relative tolerance).
                var bound = c.Ratio * c.Baseline;
                Assert.Equal(c.Observed <= bound + (1e-9 * Math.Max(1, bound)), plain.Verdict == GateVerdict.Pass);
            }
        }));
    }

    internal sealed record Case(double Ratio, double Floor, double Baseline, double Observed, long Samples, long BaselineSamples, GateMetric Metric)
    {
        public MetricReading Candidate => MetricReading.Of(Observed, Samples);

        public MetricReading BaselineReading => MetricReading.Of(Baseline, BaselineSamples);

        public Gate Gate(GateThreshold threshold) => new("g", Metric, threshold, TimeSpan.FromMinutes(2), 50);

        public GateEvaluation Evaluate(double floor) =>
            GateEvaluator.Evaluate(Gate(new GateThreshold(ThresholdKind.RatioOfBaseline, Ratio, floor)), Candidate, BaselineReading, End.AddMinutes(-2), End);
    }
}
