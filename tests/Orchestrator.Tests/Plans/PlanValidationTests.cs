using Tests.Common;

namespace Orchestrator.Plans.Tests;

/// <summary>Plans that must be refused, each with the <c>path: reason</c> it must produce.</summary>
public class PlanValidationTests
{
    private const string Target = "target: {kind: local, endpoint: my-endpoint}\n";
    private const string Names = "baseline: {name: blue}\ncandidate: {name: green, spec: {model: ../samples/models/model-2.json}}\n";

    public static TheoryData<string, string> StepProblems() => new()
    {
        { "[deploy, {traffic: {percent: 120}}]", "steps[1].traffic.percent: 120% for green is outside 0..100" },
        { "[deploy, {mirror: {percent: -5}}, {traffic: {percent: 100}}]", "steps[1].mirror.percent: -5% for green is outside 0..100" },
        { "[deploy, {mirror: {percent: 0}}, {traffic: {percent: 100}}]", "steps[1].mirror.percent: 0 mirrors nothing: give 1..50" },
        { "[deploy, {traffic: {percent: 25}}, {traffic: {percent: 10}}, {traffic: {percent: 100}}]", "steps[2].traffic.percent: 10% is below the 25% of steps[1].traffic: live traffic to the candidate only grows (to go back, abort and roll back)" },
        { "[{traffic: {percent: 10}}, deploy, {traffic: {percent: 100}}]", "steps[0].traffic: comes before green is deployed: add a deploy step before it" },
        { "[smokeTest, deploy, {traffic: {percent: 100}}]", "steps[0].smokeTest: comes before green is deployed: add a deploy step before it" },
        { "[{mirror: {percent: 10}}, deploy, {traffic: {percent: 100}}]", "steps[0].mirror: comes before green is deployed: add a deploy step before it" },
        { "[{scale: {instanceCount: 2}}, deploy, {traffic: {percent: 100}}]", "steps[0].scale: comes before green is deployed: add a deploy step before it" },
        { "[deploy, deploy, {traffic: {percent: 100}}]", "steps[1].deploy: the candidate is already deployed by steps[0].deploy; a plan deploys it once" },
        { "[deploy, {traffic: {percent: 50}}]", "steps: the plan ends with green at 50% live traffic; it must end with green at 100% (a traffic step with percent: 100)" },
        { "[deploy, {scale: {deployment: red, instanceCount: 2}}, {traffic: {percent: 100}}]", "steps[1].scale.deployment: 'red' is neither the baseline (blue) nor the candidate (green)" },
        { "[deploy, {scale: {instanceCount: 0}}, {traffic: {percent: 100}}]", "steps[1].scale.instanceCount: 0 is below 1: a deployment needs at least one instance" },
        { "[deploy, {mirror: {percent: 10, deployment: red}}, {traffic: {percent: 100}}]", "steps[1].mirror.deployment: 'red' is neither the baseline (blue) nor the candidate (green); only the candidate can be mirrored" },
        { "[deploy, {traffic: {weights: {blue: 50, red: 50}}}, {traffic: {percent: 100}}]", "steps[1].traffic.weights.red: 'red' is neither the baseline (blue) nor the candidate (green)" },
        { "[deploy, {traffic: {weights: {blue: 0, green: 0}}}, {traffic: {percent: 100}}]", "steps[1].traffic.weights: weights sum to 0, which stops all live traffic; a rollout step splits 100% between the baseline and the candidate" },
        { "[deploy, {traffic: {percent: 10, weights: {blue: 90, green: 10}}}, {traffic: {percent: 100}}]", "steps[1].traffic: give percent or weights, not both" },
        { "[deploy, {traffic: {bake: 1m}}, {traffic: {percent: 100}}]", "steps[1].traffic.percent: is required (or give weights, e.g. {blue: 90, green: 10})" },
        { "[deploy, {trafic: {percent: 100}}]", "steps[1].trafic: unknown step kind; expected one of: deploy, smokeTest, scale, mirror, traffic, approval, deleteBaseline" },
        { "[deploy, {Traffic: {percent: 100}}]", "steps[1].Traffic: unknown step kind; did you mean 'traffic'?" },
        { "[deploy, {traffic: {percent: 100}, approval: {}}]", "steps[1]: a step is one field naming its kind (deploy, smokeTest, scale, mirror, traffic, approval, deleteBaseline), e.g. '- traffic: {percent: 10, bake: 10m}'" },
        { "[deploy: {force: true}, {traffic: {percent: 100}}]", "steps[0].deploy.force: unknown field; this mapping takes no fields" },
        { "[deploy, {traffic: {percent: ten}}, {traffic: {percent: 100}}]", "steps[1].traffic.percent: expected a whole number, got 'ten'" },
        { "[deploy, {smokeTest: {requestFile: missing.json}}, {traffic: {percent: 100}}]", "steps[1].smokeTest.requestFile: file 'missing.json' not found (resolved to " + RepoRoot.Combine("examples", "missing.json") + ")" },
        { "[deploy, {smokeTest: {expectedStatus: 42}}, {traffic: {percent: 100}}]", "steps[1].smokeTest.expectedStatus: 42 is not an HTTP status (100..599)" },
        { "[deploy, {smokeTest: {expectedOutput: 'not json'}}, {traffic: {percent: 100}}]", "steps[1].smokeTest.expectedOutput: is not JSON" },
        { "[]", "steps: is empty: list the steps, or leave steps out for the default path" },
        { "{deploy: {}}", "steps: expected a list of steps, got a mapping" },
    };

    [Theory]
    [MemberData(nameof(StepProblems))]
    public void Parse_BadSteps_AreRefusedWithThePathAndReason(string steps, string expected)
    {
        var errors = TestPlans.Refused(Target + Names + $"steps: {steps}\n");

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    public static TheoryData<string, string> PlanProblems() => new()
    {
        { "- a\n- b\n", "(document): expected a mapping, got a list" },
        { "target: [1\n", "(document): " },
        { Names, "target: is required" },
        { Target + "baseline: {name: blue}\n", "candidate: is required" },
        { Target + "baseline: {name: blue}\ncandidate: {name: green}\n", "candidate.spec: is required" },
        { Target + "baseline: {name: blue}\ncandidate: {name: Blue, spec: {model: m.json}}\n", "candidate.name: 'Blue' is also the baseline's name; the candidate must be a different deployment" },
        { Target + "baseline: {name: blue}\ncandidate: {name: -green, spec: {model: m.json}}\n", "candidate.name: '-green' is not a name Azure ML accepts: start with a letter or digit, then up to 254 letters, digits, '-' or '_'" },
        { "target: {kind: local, endpoint: my endpoint}\n" + Names, "target.endpoint: 'my endpoint' is not a name Azure ML accepts" },
        { "target: {kind: cloud, endpoint: ep}\n" + Names, "target.kind: 'cloud' is not one of: local, azureml" },
        { "target: {kind: azureml, endpoint: ep}\n" + Names.Replace("m.json", "'azureml:m:1'", StringComparison.Ordinal), "target.subscription: is required for an azureml target" },
        { "target: {kind: azureml, endpoint: ep}\n" + Names.Replace("m.json", "'azureml:m:1'", StringComparison.Ordinal), "target.resourceGroup: is required for an azureml target" },
        { "target: {kind: azureml, endpoint: ep}\n" + Names.Replace("m.json", "'azureml:m:1'", StringComparison.Ordinal), "target.workspace: is required for an azureml target" },
        { "target: {kind: azureml, endpoint: ep, subscription: abc, resourceGroup: rg, workspace: w}\n" + Names, "target.subscription: 'abc' is not a subscription id" },
        { "target: {kind: azureml, endpoint: ep, subscription: abc, resourceGroup: rg, workspace: w}\n" + Names, "target.workspace: 'w' is not a workspace name" },
        { "target: {kind: azureml, endpoint: ep, subscription: abc, resourceGroup: rg, workspace: w}\n" + Names, "candidate.spec.model: '../samples/models/model-2.json' is not a registered model" },
        { "target: {kind: local, endpoint: ep, workspace: ws}\n" + Names, "target.workspace: applies to azureml targets only (target.kind is local)" },
        { Target + "baseline: {name: blue}\ncandidate: {name: green, spec: {model: 'azureml:m:1'}}\n", "candidate.spec.model: 'azureml:m:1' is an Azure ML reference, but the local host loads a model file" },
        { Target + "baseline: {name: blue}\ncandidate: {name: green, spec: {model: m.json, instance_count: 0}}\n", "candidate.spec.instance_count: 0 is below 1" },
        { Target + "baseline: {name: blue}\ncandidate: {name: green, spec: {model: m.json, request_settings: {request_timeout_ms: 200000}}}\n", "candidate.spec.request_settings.request_timeout_ms: 200000 is outside 1..180000" },
        { Target + "baseline: {name: blue}\ncandidate: {name: green, spec: {model: m.json, environment_variables: {1X: a}}}\n", "candidate.spec.environment_variables.1X: '1X' is not an environment variable name" },
        { Target + "baseline: {name: blue}\ncandidate: {name: green, spec: {model: m.json, faults: {latency: {stddev: 1s}}}}\n", "candidate.spec.faults.latency.mean: is required" },
        { "target: {kind: azureml, endpoint: ep, subscription: 6a1f1c5e-1d2b-4a4e-9a0e-5d7c2b3f4e5a, resourceGroup: rg, workspace: ws}\nbaseline: {name: blue}\ncandidate: {name: green, spec: {model: 'azureml:m:1', faults: {error_rate: 0.5}}}\n", "candidate.spec.faults: faults are injected by the local endpoint host only; remove them for an azureml target" },
        { Target + Names + "gates: {policy: nosuch}\n", "gates.policy: unknown policy 'nosuch'; available: default, strict" },
        { Target + Names + "gates: {policy: ../etc/passwd}\n", "gates.policy: '../etc/passwd' is not a policy name" },
        { Target + Names + "gates: {overrides: {interval: 500ms}}\n", "gates.overrides.interval: 500ms is below the 1s minimum" },
        { Target + Names + "gates: {inline: {interval: 0s, gates: [{name: a, metric: request_rate, min: 1, window: 1m, minSamples: 1}]}}\n", "gates.inline.interval: 0s is below the 1s minimum" },
        { Target + Names + "gates: {policy: default, inline: {gates: []}}\n", "gates: give either policy (with optional overrides) or inline, not both" },
        { Target + Names + "gates: {overrides: {gates: [{name: p99-absolute, window: 2x}]}}\n", "gates.overrides.gates[0].window: '2x' is not a duration" },
        { Target + Names + "rollback: {deleteCandidate: maybe}\n", "rollback.deleteCandidate: expected true or false, got 'maybe'" },
        { Target + Names + "onBusyEndpoint: wait\n", "onBusyEndpoint: 'wait' is not one of: reject, queue" },
        { Target + Names + "onBusyEndpoint: [queue]\n", "onBusyEndpoint: " },
        { Target + Names + "colour: blue\n", "colour: unknown field; expected one of: target, baseline, candidate, bakes, steps, gates, rollback" },
        { "target: {kind: local, endpoint: ep, compute: kubernetes}\n" + Names, "steps: left out, so the default path applies, and its mirror step is not possible on a Kubernetes endpoint" },
        { "target: {kind: local, endpoint: ep, compute: kubernetes}\n" + Names + "steps: [deploy, {mirror: {percent: 10}}, {traffic: {percent: 100}}]\n", "steps[1].mirror: Kubernetes online endpoints do not support mirrored traffic: remove the mirror step, or set target.mirrorOnKubernetes: skip to drop mirror steps" },
        { "target: {kind: local, endpoint: ep, compute: kubernetes, mirrorOnKubernetes: skip}\n" + Names + "steps: [deploy, {mirror: {percent: 70}}, {traffic: {percent: 100}}]\n", "steps[1].mirror.percent: mirror 70% to green exceeds the 50% mirror limit" },
    };

    [Theory]
    [MemberData(nameof(PlanProblems))]
    public void Parse_BadPlans_AreRefusedWithThePathAndReason(string plan, string expected)
    {
        var errors = TestPlans.Refused(plan);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_PlanWithManyProblems_ReportsThemAllAtOnce()
    {
        var errors = TestPlans.Refused("""
            target: {kind: azureml, endpoint: ep}
            baseline: {name: blue, colour: blue}
            candidate: {name: green, spec: {model: m.json, instance_count: 0}}
            steps:
              - deploy
              - mirror: {percent: 60, bake: soon}
              - traffic: {weights: {blue: 80, green: 10}}
            gates: {policy: nosuch}
            """);

        string[] paths =
        [
            "target.subscription", "target.resourceGroup", "target.workspace", "baseline.colour", "candidate.spec.model",
            "candidate.spec.instance_count", "steps[1].mirror.bake", "steps[1].mirror.percent", "steps[2].traffic.weights", "gates.policy",
        ];
        foreach (var path in paths)
        {
            Assert.Contains(errors, e => e.StartsWith(path + ":", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Parse_TrafficPercentOutOfRange_IsOneErrorAtItsPercentAndNothingAtTheStepsAfterIt()
    {
        var errors = TestPlans.Refused(Target + Names + "steps: [deploy, {traffic: {percent: 150}}, {mirror: {percent: 10}}, {traffic: {percent: 100}}]\n");

        // The mirror step after the typo asks for blue=100 | mirror green=10, which is right: no error may land there.
        Assert.Equal(["steps[1].traffic.percent: 150% for green is outside 0..100"], errors);
    }

    [Fact]
    public void Parse_BrokenNamedPolicyFile_NamesThePolicyAndItsField()
    {
        var directory = Directory.CreateTempSubdirectory("plans-policies-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "team.yaml"), "interval: 30s\ngates: [{name: a, metric: request_rate, min: 1, window: 1x, minSamples: 1}]\n");
            var options = TestPlans.Options with { PoliciesDirectory = directory.FullName };

            var result = PlanParser.Parse(Target + Names + "gates: {policy: team}\n", options);

            Assert.Equal("gates.policy(team).gates[0].window", Assert.Single(result.Errors).Path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
