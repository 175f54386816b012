using Policies.Gates;
using Tests.Common;

namespace Policies.Loading.Tests;

public class GatePolicyLoaderTests
{
    private const string Policy = """
        interval: 30s
        failureLimit: 2
        inconclusiveLimit: 3
        maxBlind: 5m
        gates:
          - {name: p99-absolute, metric: latency_p99_ms, max: 500, window: 2m, minSamples: 50}
          - {name: p99-vs-baseline, metric: latency_p99_ms, maxRatioOfBaseline: 1.2, window: 2m, minSamples: 50}
          - {name: 5xx-vs-baseline, metric: error_rate_5xx, maxPointsOverBaseline: 0.5, window: 2m, minSamples: 50}
          - {name: min-traffic, metric: request_rate, min: 0.1, window: 2m, minSamples: 1}
        """;

    [Fact]
    public void Parse_ValidPolicy_MapsEveryField()
    {
        var policy = Load(Policy, "default");

        Assert.Equal("default", policy.Name);
        Assert.Equal(TimeSpan.FromSeconds(30), policy.Interval);
        Assert.Equal(2, policy.FailureLimit);
        Assert.Equal(3, policy.InconclusiveLimit);
        Assert.Equal(TimeSpan.FromMinutes(5), policy.MaxBlind);
        Assert.Equal(
            [
                new Gate("p99-absolute", GateMetric.LatencyP99Ms, new(ThresholdKind.AtMost, 500), TimeSpan.FromMinutes(2), 50),
                new Gate("p99-vs-baseline", GateMetric.LatencyP99Ms, new(ThresholdKind.RatioOfBaseline, 1.2), TimeSpan.FromMinutes(2), 50),
                new Gate("5xx-vs-baseline", GateMetric.ErrorRate5xx, new(ThresholdKind.PointsOverBaseline, 0.5), TimeSpan.FromMinutes(2), 50),
                new Gate("min-traffic", GateMetric.RequestRate, new(ThresholdKind.AtLeast, 0.1), TimeSpan.FromMinutes(2), 1),
            ],
            policy.Gates);
    }

    [Fact]
    public void Parse_OnlyGates_TakesTheDocumentedDefaults()
    {
        var policy = Load("gates: [{name: g, metric: latency_p50_ms, max: 100, window: 1m, minSamples: 10}]", "inline");

        Assert.Equal(TimeSpan.FromSeconds(30), policy.Interval);
        Assert.Equal(2, policy.FailureLimit);
        Assert.Equal(3, policy.InconclusiveLimit);
        Assert.Equal(TimeSpan.FromMinutes(5), policy.MaxBlind);
    }

    [Fact]
    public void Parse_BrokenPolicy_ReportsEveryProblemWithItsPath()
    {
        const string broken = """
            interval: 500ms
            failureLimit: 0
            colour: blue
            gates:
              - {name: a, metric: latency_p99_ms, window: 2m, minSamples: 50}
              - {name: b, metric: latency_p99_ms, max: 1, min: 2, window: 2m, minSamples: 50}
              - {name: c, metric: cpu, max: 1, window: 2x, minSamples: 0}
              - {name: a, metric: error_rate_5xx, max: 101, window: 2m, minSamples: 5, extra: 1}
              - {name: d, metric: latency_p99_ms, maxRatioOfBaseline: 0, window: 2m, minSamples: 5}
            """;

        var result = GatePolicyLoader.Parse(broken, "broken");

        Assert.Null(result.Policy);
        var paths = result.Errors.Select(e => e.Path).ToList();
        Assert.Contains("interval", paths);
        Assert.Contains("failureLimit", paths);
        Assert.Contains("colour", paths);
        Assert.Contains("gates[0]", paths);
        Assert.Contains("gates[1]", paths);
        Assert.Contains("gates[2].metric", paths);
        Assert.Contains("gates[2].window", paths);
        Assert.Contains("gates[2].minSamples", paths);
        Assert.Contains("gates[3].max", paths);
        Assert.Contains("gates[3].extra", paths);
        Assert.Contains("gates[4].maxRatioOfBaseline", paths);
        Assert.Contains(result.Errors, e => e.ToString() == "interval: 500ms is below the 1s minimum");
        Assert.Contains(result.Errors, e => e.ToString() == "gates[1]: has 2 thresholds (max, min); give exactly one");
        Assert.Contains(result.Errors, e => e.Path == "gates[2].metric" && e.Message.Contains("latency_p99_ms", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DuplicateGateNames_AreRefused()
    {
        var result = GatePolicyLoader.Parse("gates: [{name: a, metric: request_rate, min: 1, window: 1m, minSamples: 1}, {name: A, metric: request_rate, min: 2, window: 1m, minSamples: 1}]", "p");

        Assert.Equal("gates[1].name", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Parse_MaxBlindShorterThanInterval_IsRefused()
    {
        var result = GatePolicyLoader.Parse("interval: 1m\nmaxBlind: 30s\ngates: [{name: a, metric: request_rate, min: 1, window: 1m, minSamples: 1}]", "p");

        Assert.Equal("maxBlind", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Parse_Overrides_ReplaceScalarsMergeGatesByNameAndAddNewGates()
    {
        const string overrides = """
            interval: 5s
            gates:
              - {name: p99-absolute, max: 300}
              - {name: p99-vs-baseline, maxPointsOverBaseline: 50}
              - {name: p50, metric: latency_p50_ms, max: 100, window: 1m, minSamples: 10}
            """;

        var policy = Load(Policy, "default", overrides);

        Assert.Equal(TimeSpan.FromSeconds(5), policy.Interval);
        Assert.Equal(2, policy.FailureLimit);
        Assert.Equal(["p99-absolute", "p99-vs-baseline", "5xx-vs-baseline", "min-traffic", "p50"], policy.Gates.Select(g => g.Name));
        Assert.Equal(new GateThreshold(ThresholdKind.AtMost, 300), policy.Gates[0].Threshold);
        Assert.Equal(TimeSpan.FromMinutes(2), policy.Gates[0].Window);
        // A threshold of another kind replaces the old one rather than making two.
        Assert.Equal(new GateThreshold(ThresholdKind.PointsOverBaseline, 50), policy.Gates[1].Threshold);
        Assert.Equal(GateMetric.LatencyP50Ms, policy.Gates[4].Metric);
    }

    [Fact]
    public void Parse_BadOverrides_ArePrefixedSoTheyPointAtTheOverride()
    {
        var result = GatePolicyLoader.Parse(Policy, "default", "interval: 0s\ngates: [{max: 3}, {name: p99-absolute, max: -1}, {name: new-gate, metric: request_rate}]");

        var paths = result.Errors.Select(e => e.Path).ToList();
        Assert.Contains("overrides.interval", paths);
        Assert.Contains("overrides.gates[0].name", paths);
        Assert.Contains("overrides.gates[1].max", paths);
        Assert.Contains("overrides.gates[2].window", paths);
        Assert.Contains("overrides.gates[2]", paths);
    }

    [Fact]
    public void Parse_MinDifferenceOnARatio_IsTheThresholdsNoiseFloor()
    {
        var policy = Load("gates: [{name: g, metric: latency_p99_ms, maxRatioOfBaseline: 1.2, minDifference: 5, window: 2m, minSamples: 50}]", "p");

        Assert.Equal(new GateThreshold(ThresholdKind.RatioOfBaseline, 1.2, 5), Assert.Single(policy.Gates).Threshold);
    }

    [Fact]
    public void Parse_NoMinDifference_HasNoFloor()
    {
        var policy = Load("gates: [{name: g, metric: latency_p99_ms, maxRatioOfBaseline: 1.2, window: 2m, minSamples: 50}]", "p");

        Assert.Equal(0, Assert.Single(policy.Gates).Threshold.MinDifference);
    }

    [Fact]
    public void Parse_MinDifferenceWhereItMeansNothing_ReportsEveryGateAtItsField()
    {
        const string broken = """
            gates:
              - {name: a, metric: latency_p99_ms, max: 500, minDifference: 5, window: 2m, minSamples: 50}
              - {name: b, metric: request_rate, min: 1, minDifference: 1, window: 2m, minSamples: 1}
              - {name: c, metric: error_rate_5xx, maxPointsOverBaseline: 0.5, minDifference: 0.5, window: 2m, minSamples: 50}
              - {name: d, metric: latency_p99_ms, maxRatioOfBaseline: 1.2, minDifference: -1, window: 2m, minSamples: 50}
              - {name: e, metric: latency_p99_ms, maxRatioOfBaseline: 0.9, minDifference: 5, window: 2m, minSamples: 50}
              - {name: f, metric: error_rate_4xx, maxRatioOfBaseline: 2, minDifference: 101, window: 2m, minSamples: 50}
              - {name: g, metric: latency_p99_ms, maxRatioOfBaseline: 1.2, minDifference: fast, window: 2m, minSamples: 50}
              - {name: h, metric: latency_p99_ms, maxRatioOfBaseline: 1.2, minDifference: 5, window: 2m, minSamples: 50}
            """;

        var result = GatePolicyLoader.Parse(broken, "broken");

        Assert.Null(result.Policy);
        Assert.Equal(
            ["gates[0].minDifference", "gates[1].minDifference", "gates[2].minDifference", "gates[3].minDifference", "gates[4].minDifference", "gates[5].minDifference", "gates[6].minDifference"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, e => e.ToString() == "gates[0].minDifference: 5 applies to maxRatioOfBaseline only: an absolute bound (max, min) does not compare with the baseline");
        Assert.Contains(result.Errors, e => e.ToString() == "gates[2].minDifference: 0.5 adds nothing to maxPointsOverBaseline, which is a difference over the baseline already: raise maxPointsOverBaseline instead");
        Assert.Contains(result.Errors, e => e.ToString() == "gates[3].minDifference: -1 must not be negative");
        Assert.Contains(result.Errors, e => e.Path == "gates[4].minDifference" && e.Message.Contains("at least 1", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path == "gates[5].minDifference" && e.Message.Contains("percents", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OverridesOfAFlooredRatio_KeepTheFloorForARatioAndDropItForAnotherKind()
    {
        const string policy = """
            gates:
              - {name: p99, metric: latency_p99_ms, maxRatioOfBaseline: 1.2, minDifference: 5, window: 2m, minSamples: 50}
              - {name: p95, metric: latency_p95_ms, maxRatioOfBaseline: 1.2, minDifference: 5, window: 2m, minSamples: 50}
              - {name: p50, metric: latency_p50_ms, maxRatioOfBaseline: 1.2, minDifference: 5, window: 2m, minSamples: 50}
              - {name: p50-abs, metric: latency_p50_ms, max: 100, window: 2m, minSamples: 50}
            """;
        const string overrides = """
            gates:
              - {name: p99, maxRatioOfBaseline: 1.5}
              - {name: p95, maxPointsOverBaseline: 100}
              - {name: p50, minDifference: 20}
              - {name: p50-abs, maxRatioOfBaseline: 1.1, minDifference: 3}
            """;

        var gates = Load(policy, "p", overrides).Gates;

        Assert.Equal(
            [
                new GateThreshold(ThresholdKind.RatioOfBaseline, 1.5, 5),
                new GateThreshold(ThresholdKind.PointsOverBaseline, 100),
                new GateThreshold(ThresholdKind.RatioOfBaseline, 1.2, 20),
                new GateThreshold(ThresholdKind.RatioOfBaseline, 1.1, 3),
            ],
            gates.Select(g => g.Threshold));
    }

    [Fact]
    public void Parse_OverrideGivesAFloorToAnAbsoluteGate_IsRefusedAtTheOverride()
    {
        var result = GatePolicyLoader.Parse(Policy, "default", "gates: [{name: p99-absolute, minDifference: 5}]");

        Assert.Equal("overrides.gates[0].minDifference", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Parse_Json_IsTheSameTree()
    {
        var fromJson = Load("""{"interval": "30s", "gates": [{"name": "g", "metric": "request_rate", "min": 0.5, "window": "1m", "minSamples": 1}]}""", "j");
        var fromYaml = Load("interval: 30s\ngates: [{name: g, metric: request_rate, min: 0.5, window: 1m, minSamples: 1}]", "j");

        Assert.Equal(fromYaml.Gates, fromJson.Gates);
        Assert.Equal(fromYaml with { Gates = [] }, fromJson with { Gates = [] });
    }

    [Theory]
    [InlineData("default")]
    [InlineData("strict")]
    public void ShippedPolicy_Loads(string name)
    {
        var policy = Load(File.ReadAllText(RepoRoot.Combine("policies", $"{name}.yaml")), name);

        Assert.NotEmpty(policy.Gates);
        Assert.Contains(policy.Gates, g => g.Threshold is { Kind: ThresholdKind.RatioOfBaseline, MinDifference: > 0 });
    }

    [Fact]
    public void ShippedPolicies_StrictIsTighterThanDefaultOnEverySharedGate()
    {
        var loose = Load(File.ReadAllText(RepoRoot.Combine("policies", "default.yaml")), "default");
        var strict = Load(File.ReadAllText(RepoRoot.Combine("policies", "strict.yaml")), "strict");

        Assert.True(strict.Interval <= loose.Interval);
        Assert.True(strict.FailureLimit <= loose.FailureLimit);
        Assert.True(strict.MaxBlind <= loose.MaxBlind);
        foreach (var gate in loose.Gates)
        {
            var tight = Assert.Single(strict.Gates, g => g.Name == gate.Name);
            Assert.Equal(gate.Threshold.Kind, tight.Threshold.Kind);
            Assert.True(gate.Threshold.Kind == ThresholdKind.AtLeast ? tight.Threshold.Value >= gate.Threshold.Value : tight.Threshold.Value <= gate.Threshold.Value, gate.Name);
            Assert.True(tight.MinSamples >= gate.MinSamples, gate.Name);
            Assert.True(tight.Threshold.MinDifference <= gate.Threshold.MinDifference, $"{gate.Name}: a stricter policy forgives less noise");
        }
    }

    private static GatePolicy Load(string yaml, string name, string? overrides = null)
    {
        var result = GatePolicyLoader.Parse(yaml, name, overrides);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        return result.Policy!;
    }
}
