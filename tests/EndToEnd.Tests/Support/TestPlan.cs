using System.Globalization;

namespace EndToEnd.Tests.Support;

/// <summary>
/// A plan for one test: blue (model-1) created from nothing, green (model-2) along the default path — deploy, smoke
/// test, mirror 10%, live 10%, live 100%, delete blue — with short bakes and an inline policy checked every second.
/// A test lengthens the bake of the step it acts in, so that the act lands inside it on a loaded machine.
/// </summary>
internal sealed record TestPlan(string Endpoint)
{
    /// <summary>The step indexes of the path.</summary>
    public const int MirrorStep = 2;
    public const int CanaryStep = 3;
    public const int PromotionStep = 4;

    public TimeSpan MirrorBake { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan CanaryBake { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan PromotionBake { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBlind { get; init; } = TimeSpan.FromSeconds(30);

    public static string ModelPath(string model) => Path.Combine(AppContext.BaseDirectory, "samples", "models", $"{model}.json");

    /// <summary>
    /// The plan as YAML with absolute model paths. The gates: green's 5xx share may exceed blue's by 5 points at
    /// most, and its p99 stays under 3 s (generous: this machine is loaded); both over 5 s windows of at least 5 requests.
    /// </summary>
    public string ToYaml() => string.Create(CultureInfo.InvariantCulture, $$"""
        target: {kind: local, endpoint: {{Endpoint}}}
        baseline:
          name: blue
          spec: {model: "{{ModelPath("model-1")}}", instance_count: 1}
        candidate:
          name: green
          spec: {model: "{{ModelPath("model-2")}}", instance_count: 1}
        steps:
          - deploy: {}
          - smokeTest: {expectedStatus: 200, expectedOutput: "[0.5, 0.5]"}
          - mirror: {percent: 10, bake: {{Seconds(MirrorBake)}}}
          - traffic: {percent: 10, bake: {{Seconds(CanaryBake)}}}
          - traffic: {percent: 100, bake: {{Seconds(PromotionBake)}}}
          - deleteBaseline: {}
        gates:
          inline:
            interval: 1s
            failureLimit: 2
            inconclusiveLimit: 3
            maxBlind: {{Seconds(MaxBlind)}}
            gates:
              - {name: errors, metric: error_rate_5xx, maxPointsOverBaseline: 5, window: 5s, minSamples: 5}
              - {name: p99, metric: latency_p99_ms, max: 3000, window: 5s, minSamples: 5}
        rollback: {deleteCandidate: false}
        """);

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0}s");
}
