using System.Text.Json;
using Orchestrator.Persistence;
using Policies.Gates;
using Tests.Common;

namespace Orchestrator.Plans.Tests;

public class PlanParserTests
{
    [Fact]
    public void Parse_StepsLeftOut_ExpandsTheDefaultPath()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal);

        Assert.Equal(
            [
                new RolloutStep.Deploy(),
                new RolloutStep.SmokeTest(PlanDefaults.SampleRequest, null, 200, null),
                new RolloutStep.Mirror(10, TimeSpan.FromMinutes(10)),
                new RolloutStep.Traffic(10, TimeSpan.FromMinutes(10)),
                new RolloutStep.Traffic(100, TimeSpan.FromMinutes(30)),
                new RolloutStep.DeleteBaseline(),
            ],
            plan.Steps);
        Assert.Equal(new TargetSpec(TargetKind.Local, "my-endpoint", null, EndpointCompute.Managed), plan.Target);
        Assert.Equal("default", plan.Policy.Name);
        Assert.False(plan.Rollback.DeleteCandidate);
        Assert.Null(plan.Baseline.Spec);
    }

    [Fact]
    public void Parse_Bakes_ReplaceTheBakesOfTheDefaultPath()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal + "\nbakes: {mirror: 30s, traffic: 1m, promotion: 1h30m}");

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(90), TimeSpan.Zero],
            plan.Steps.Select(s => s.BakeTime));
    }

    [Fact]
    public void Parse_TrafficStepsWithoutBake_TakeTheTrafficOrPromotionBake()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal + "\nbakes: {traffic: 2m, promotion: 20m}\nsteps: [deploy, {traffic: {percent: 30}}, {traffic: {percent: 100}}]");

        Assert.Equal([new RolloutStep.Traffic(30, TimeSpan.FromMinutes(2)), new RolloutStep.Traffic(100, TimeSpan.FromMinutes(20))], plan.Steps.Skip(1));
    }

    [Fact]
    public void Parse_LocalModelPath_IsResolvedAgainstThePlanFolderAndStoredAbsolute()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal);

        Assert.Equal(RepoRoot.Combine("samples", "models", "model-2.json"), plan.Candidate.Spec.Model);
    }

    [Fact]
    public void Parse_SmokeTest_ReadsTheRequestFileIntoThePlan()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal + """

            steps:
              - deploy
              - smokeTest: {requestFile: ../samples/sample-request.json, expectedStatus: 201, expectedOutput: [0.5, 0.5]}
              - traffic: {percent: 100}
            """);

        var smoke = Assert.IsType<RolloutStep.SmokeTest>(plan.Steps[1]);
        Assert.Equal(File.ReadAllText(RepoRoot.Combine("samples", "sample-request.json")), smoke.RequestBody);
        Assert.Equal("../samples/sample-request.json", smoke.RequestFile);
        Assert.Equal(201, smoke.ExpectedStatus);
        Assert.Equal("[0.5,0.5]", smoke.ExpectedOutput);
    }

    [Fact]
    public void Parse_ExpectedOutputAsJsonText_IsKeptAsWritten()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal + "\nsteps: [deploy, {smokeTest: {expectedOutput: '[11055.977245525679, 4503.079536107787]'}}, {traffic: {percent: 100}}]");

        Assert.Equal("[11055.977245525679, 4503.079536107787]", Assert.IsType<RolloutStep.SmokeTest>(plan.Steps[1]).ExpectedOutput);
    }

    [Fact]
    public void Parse_SampleRequestFile_IsTheBuiltInSampleRequest()
    {
        var shipped = JsonDocument.Parse(File.ReadAllText(RepoRoot.Combine("samples", "sample-request.json")));
        var builtIn = JsonDocument.Parse(PlanDefaults.SampleRequest);

        Assert.True(JsonElement.DeepEquals(shipped.RootElement, builtIn.RootElement));
    }

    [Fact]
    public void Parse_BareStepKinds_AndWeights_ReadAsSteps()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal + """

            steps:
              - deploy
              - approval
              - scale: {instanceCount: 3}
              - scale: {deployment: blue, instanceCount: 2}
              - traffic: {weights: {blue: 75, green: 25}, bake: 5m}
              - approval: {message: promote?}
              - traffic: {weights: {green: 100}}
              - deleteBaseline
            """);

        Assert.Equal(
            [
                new RolloutStep.Deploy(),
                new RolloutStep.Approval(null),
                new RolloutStep.Scale("green", 3),
                new RolloutStep.Scale("blue", 2),
                new RolloutStep.Traffic(25, TimeSpan.FromMinutes(5)),
                new RolloutStep.Approval("promote?"),
                new RolloutStep.Traffic(100, TimeSpan.FromMinutes(30)),
                new RolloutStep.DeleteBaseline(),
            ],
            plan.Steps);
    }

    [Theory]
    [InlineData("", BusyEndpointPolicy.Reject)]
    [InlineData("onBusyEndpoint: reject\n", BusyEndpointPolicy.Reject)]
    [InlineData("onBusyEndpoint: queue\n", BusyEndpointPolicy.Queue)]
    [InlineData("onBusyEndpoint: Queue\n", BusyEndpointPolicy.Queue)]
    public void Parse_OnBusyEndpoint_DefaultsToRejectAndReadsQueue(string field, BusyEndpointPolicy expected)
    {
        var plan = TestPlans.Valid(TestPlans.Minimal + "\n" + field);

        Assert.Equal(expected, plan.OnBusyEndpoint);
    }

    [Fact]
    public void Parse_JsonPlan_IsTheSameAsTheYamlPlan()
    {
        const string yaml = """
            target: {kind: azureml, endpoint: ep, subscription: 6a1f1c5e-1d2b-4a4e-9a0e-5d7c2b3f4e5a, resourceGroup: rg, workspace: my-ws}
            baseline: {name: blue}
            candidate: {name: green, spec: {model: "azureml:m:1", instance_count: 2, environment_variables: {A: "1"}}}
            steps: [deploy, {mirror: {percent: 20, bake: 1m}}, {traffic: {percent: 100, bake: 5m}}]
            gates: {policy: strict, overrides: {interval: 10s}}
            rollback: {deleteCandidate: true}
            """;
        const string json = """
            {"target": {"kind": "azureml", "endpoint": "ep", "subscription": "6a1f1c5e-1d2b-4a4e-9a0e-5d7c2b3f4e5a", "resourceGroup": "rg", "workspace": "my-ws"},
             "baseline": {"name": "blue"},
             "candidate": {"name": "green", "spec": {"model": "azureml:m:1", "instance_count": 2, "environment_variables": {"A": "1"}}},
             "steps": ["deploy", {"mirror": {"percent": 20, "bake": "1m"}}, {"traffic": {"percent": 100, "bake": "5m"}}],
             "gates": {"policy": "strict", "overrides": {"interval": "10s"}},
             "rollback": {"deleteCandidate": true}}
            """;

        var fromYaml = TestPlans.Valid(yaml);
        var fromJson = TestPlans.Valid(json);

        Assert.Equal(JsonSerializer.Serialize(fromYaml), JsonSerializer.Serialize(fromJson));
        Assert.Equal(new AzureWorkspace("6a1f1c5e-1d2b-4a4e-9a0e-5d7c2b3f4e5a", "rg", "my-ws"), fromJson.Target.Azure);
        Assert.Equal(TimeSpan.FromSeconds(10), fromJson.Policy.Interval);
        Assert.True(fromJson.Rollback.DeleteCandidate);
    }

    [Fact]
    public void Parse_NamedPolicyWithOverrides_IsResolvedIntoThePlan()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal + "\ngates: {policy: default, overrides: {failureLimit: 1, gates: [{name: p99-absolute, max: 250}]}}");

        Assert.Equal("default", plan.Policy.Name);
        Assert.Equal(1, plan.Policy.FailureLimit);
        Assert.Equal(new GateThreshold(ThresholdKind.AtMost, 250), plan.Policy.Gates.Single(g => g.Name == "p99-absolute").Threshold);
    }

    [Fact]
    public void Parse_OverridesOfTheDefaultPolicysNoiseFloor_AreResolvedIntoThePlan()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal + "\ngates: {policy: default, overrides: {gates: [{name: p99-vs-baseline, minDifference: 20}]}}");
        var stored = JsonSerializer.Deserialize<RolloutPlan>(JsonSerializer.Serialize(plan, StoredJson.Options), StoredJson.Options)!;

        Assert.Equal(new GateThreshold(ThresholdKind.RatioOfBaseline, 1.2, 20), plan.Policy.Gates.Single(g => g.Name == "p99-vs-baseline").Threshold);
        Assert.Equal(plan.Policy.Gates, stored.Policy.Gates);
    }

    [Fact]
    public void Parse_FloorOnAnAbsoluteGateInAPlan_IsRefusedAtItsPath()
    {
        var result = TestPlans.Parse(TestPlans.Minimal + "\ngates: {policy: default, overrides: {gates: [{name: p99-absolute, minDifference: 5}]}}");

        Assert.Contains(result.Errors, e => e.Path == "gates.overrides.gates[0].minDifference");
    }

    [Fact]
    public void Parse_InlinePolicy_IsNamedInline()
    {
        var plan = TestPlans.Valid(TestPlans.Minimal + "\ngates: {inline: {interval: 1s, gates: [{name: rate, metric: request_rate, min: 1, window: 10s, minSamples: 1}]}}");

        Assert.Equal("inline", plan.Policy.Name);
        Assert.Equal(TimeSpan.FromSeconds(1), plan.Policy.Interval);
        Assert.Equal("rate", Assert.Single(plan.Policy.Gates).Name);
    }

    [Fact]
    public void Parse_KubernetesWithMirrorSkip_DropsMirrorStepsFromTheExpansion()
    {
        var plan = TestPlans.Valid("""
            target: {kind: local, endpoint: ep, compute: kubernetes, mirrorOnKubernetes: skip}
            baseline: {name: blue}
            candidate: {name: green, spec: {model: ../samples/models/model-2.json}}
            """);

        Assert.Equal(EndpointCompute.Kubernetes, plan.Target.Compute);
        Assert.Equal(["deploy", "smokeTest", "traffic", "traffic", "deleteBaseline"], plan.Steps.Select(s => s.KindName));
    }

    [Fact]
    public void Parse_FullDeploymentSpec_MapsEveryAzMlField()
    {
        var plan = TestPlans.Valid("""
            target: {kind: local, endpoint: ep}
            baseline:
              name: blue
              spec: {model: ../samples/models/model-1.json}
            candidate:
              name: green
              spec:
                model: ../samples/models/model-2.json
                code_configuration: {code: ../samples, scoring_script: score.py}
                environment: azureml:env:1
                instance_type: Standard_DS3_v2
                instance_count: 2
                request_settings: {request_timeout_ms: 5000, max_concurrent_requests_per_instance: 4, max_queue_wait_ms: 500}
                liveness_probe: {initial_delay: 10, period: 10, timeout: 2, failure_threshold: 30, success_threshold: 1}
                readiness_probe: {period: 5}
                environment_variables: {MODE: fast, THREADS: 4}
                faults: {latency: {mean: 200ms, stddev: 20ms}, error_rate: 0.2, crash_after_requests: 100, fail_start: true}
            """);

        var spec = plan.Candidate.Spec;
        Assert.Equal(new CodeConfiguration(RepoRoot.Combine("samples"), "score.py"), spec.CodeConfiguration);
        Assert.Equal("azureml:env:1", spec.Environment);
        Assert.Equal("Standard_DS3_v2", spec.InstanceType);
        Assert.Equal(2, spec.InstanceCount);
        Assert.Equal(new RequestSettings(TimeSpan.FromSeconds(5), 4, TimeSpan.FromMilliseconds(500)), spec.RequestSettings);
        Assert.Equal(new ProbeSettings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), 30, 1), spec.LivenessProbe);
        Assert.Equal(new ProbeSettings(null, TimeSpan.FromSeconds(5), null, null, null), spec.ReadinessProbe);
        Assert.Equal(new Dictionary<string, string> { ["MODE"] = "fast", ["THREADS"] = "4" }, spec.EnvironmentVariables);
        Assert.Equal(new FaultInjection(new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(20)), 0.2, 100, true), spec.Faults);
        Assert.Equal(RepoRoot.Combine("samples", "models", "model-1.json"), plan.Baseline.Spec!.Model);
        Assert.Equal(1, plan.Baseline.Spec.InstanceCount);
    }
}
