using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Api.Tests;

/// <summary>Rollouts and plans built directly, so read tests do not depend on the plan parser.</summary>
internal static class TestRollouts
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static RolloutPlan Plan(string endpoint) => new(
        new TargetSpec(TargetKind.Local, endpoint, null, EndpointCompute.Managed),
        new BaselineSpec("blue", DeploymentSpec.ForModel("model-1.json")),
        new CandidateSpec("green", DeploymentSpec.ForModel("model-2.json")),
        [
            new RolloutStep.Deploy(),
            new RolloutStep.Mirror(10, TimeSpan.FromMinutes(10)),
            new RolloutStep.Traffic(10, TimeSpan.FromMinutes(10)),
            new RolloutStep.Traffic(100, TimeSpan.FromMinutes(30)),
            new RolloutStep.DeleteBaseline(),
        ],
        new GatePolicy(
            "default",
            TimeSpan.FromSeconds(30),
            [new Gate("p99-absolute", GateMetric.LatencyP99Ms, new GateThreshold(ThresholdKind.AtMost, 500), TimeSpan.FromMinutes(2), 50)],
            2,
            3,
            TimeSpan.FromMinutes(5)),
        new RollbackOptions(false));

    public static Rollout Create(string endpoint, RolloutPhase phase = RolloutPhase.Pending, int stepIndex = -1, DateTimeOffset? stepStartedAt = null)
    {
        var plan = Plan(endpoint);
        return new Rollout
        {
            Id = Guid.NewGuid(),
            EndpointKey = EndpointKeys.For(plan.Target),
            Plan = plan,
            Phase = phase,
            StepIndex = stepIndex,
            StepStartedAt = stepStartedAt ?? Start,
            SubmittedBy = "test",
            CreatedAt = Start,
            UpdatedAt = Start,
        };
    }

    public static string UniqueEndpoint(string prefix = "ep") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>A plan in the documented YAML format, small enough for submit tests.</summary>
    public static string Yaml(string endpoint) => $"""
        target:
          kind: local
          endpoint: {endpoint}
        baseline:
          name: blue
        candidate:
          name: green
          spec:
            model: samples/models/model-2.json
            instance_count: 1
        gates:
          policy: default
        """;

    public static string Json(string endpoint) => $$"""
        {
          "target": { "kind": "local", "endpoint": "{{endpoint}}" },
          "baseline": { "name": "blue" },
          "candidate": { "name": "green", "spec": { "model": "samples/models/model-2.json", "instance_count": 1 } },
          "gates": { "policy": "default" }
        }
        """;
}
