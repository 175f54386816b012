using System.Globalization;

namespace Orchestrator.Benchmarks.Hosting;

/// <summary>The plans the benchmarks submit, as YAML, so they go through the real parser and validation.</summary>
internal static class BenchPlans
{
    /// <summary>Index of the canary step (traffic 10%) in both plans; the benchmarks never get past it.</summary>
    public const int CanaryStep = 1;

    /// <summary>
    /// Blue (model-1) → green (model-2): deploy, then a 10% canary baking for an hour (then 100%). The demo's gates with a 1 s
    /// interval: p99 ≤ 250 ms, p99 ≤ blue + 100 ms, 5xx ≤ blue + 2 points, over 10 s with ≥ 10 samples; 2 failed
    /// rounds roll back.
    /// </summary>
    public static string Reaction(string endpoint) => Plan(endpoint, "1h", """
          inline:
            interval: 1s
            failureLimit: 2
            inconclusiveLimit: 5
            maxBlind: 30s
            gates:
              - {name: p99-absolute, metric: latency_p99_ms, max: 250, window: 10s, minSamples: 10}
              - {name: p99-vs-baseline, metric: latency_p99_ms, maxPointsOverBaseline: 100, window: 10s, minSamples: 10}
              - {name: 5xx-vs-baseline, metric: error_rate_5xx, maxPointsOverBaseline: 2, window: 10s, minSamples: 10}
        """);

    /// <summary>The scale plan: a 10% canary baking for 6 h (then 100%) with a 30 s gate interval (p99 and 5xx over 5 min).</summary>
    public static string Scale(string endpoint) => Plan(endpoint, "6h", """
          inline:
            interval: 30s
            failureLimit: 2
            inconclusiveLimit: 5
            maxBlind: 30m
            gates:
              - {name: p99-absolute, metric: latency_p99_ms, max: 250, window: 5m, minSamples: 10}
              - {name: 5xx-vs-baseline, metric: error_rate_5xx, maxPointsOverBaseline: 2, window: 5m, minSamples: 10}
        """);

    private static string Plan(string endpoint, string bake, string gates)
    {
        var models = BenchNode.ModelsDirectory;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            target: {kind: local, endpoint: {{endpoint}}}
            baseline:
              name: blue
              spec: {model: "{{Path.Combine(models, "model-1.json")}}", instance_count: 1}
            candidate:
              name: green
              spec: {model: "{{Path.Combine(models, "model-2.json")}}", instance_count: 1}
            steps:
              - deploy: {}
              - traffic: {percent: 10, bake: {{bake}}}
              - traffic: {percent: 100, bake: {{bake}}}
            gates:
            {{gates}}
            rollback: {deleteCandidate: false}
            """);
    }
}
