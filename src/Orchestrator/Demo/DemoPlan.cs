using System.Globalization;

namespace Orchestrator.Demo;

/// <summary>The demo's rollout plan: blue (model-1) created from nothing, green (model-2) along the default path with short bakes.</summary>
internal static class DemoPlan
{
    /// <summary>The endpoint the demo creates.</summary>
    public const string Endpoint = "demo";

    /// <summary>The bake of each traffic step.</summary>
    public static readonly TimeSpan Bake = TimeSpan.FromSeconds(15);

    /// <summary>The plan as YAML, so the demo goes through the same parser and validation as any plan.</summary>
    public static string Yaml(string modelsDirectory) => string.Create(CultureInfo.InvariantCulture, $$"""
        target: {kind: local, endpoint: {{Endpoint}}}
        baseline:
          name: blue
          spec: {model: "{{Path.Combine(modelsDirectory, "model-1.json")}}", instance_count: 1}
        candidate:
          name: green
          spec: {model: "{{Path.Combine(modelsDirectory, "model-2.json")}}", instance_count: 1}
        steps:
          - deploy: {}
          - smokeTest: {expectedStatus: 200, expectedOutput: "[0.5, 0.5]"}
          - mirror: {percent: 10, bake: {{Bake.TotalSeconds}}s}
          - traffic: {percent: 10, bake: {{Bake.TotalSeconds}}s}
          - traffic: {percent: 100, bake: {{Bake.TotalSeconds}}s}
          - deleteBaseline: {}
        gates:
          inline:
            interval: 2s
            failureLimit: 2
            inconclusiveLimit: 5
            maxBlind: 30s
            gates:
              # p95, not p99: at 20 requests/s a 10 s window holds 20-200 samples, where p99 is the single slowest
              # request, and one scheduling hiccup of a busy laptop (500-800 ms seen) would roll a healthy green back.
              # A fresh green's first requests on a busy machine took ~190 ms against a warm blue's ~25 ms, hence the
              # 250 ms margin. The faulty scenario slows every green request by 400±50 ms, which both bounds catch.
              - {name: p95-absolute, metric: latency_p95_ms, max: 300, window: 10s, minSamples: 10}
              - {name: p95-vs-baseline, metric: latency_p95_ms, maxPointsOverBaseline: 250, window: 10s, minSamples: 10}
              - {name: 5xx-vs-baseline, metric: error_rate_5xx, maxPointsOverBaseline: 2, window: 10s, minSamples: 10}
        rollback: {deleteCandidate: false}
        """);
}
