using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl.Tests;

public sealed class AzureMlRuleTests(AzureMlHarness harness) : IClassFixture<AzureMlHarness>
{
    [Fact]
    public async Task SetTraffic_MirrorOnKubernetesEndpoint_RefusedWithAReasonBeforeAnyPut()
    {
        harness.Reset();
        harness.Emulator.SeedEndpoint(AzureMlHarness.Subscription, AzureMlHarness.ResourceGroup, AzureMlHarness.WorkspaceName, "ep-k8s", new Dictionary<string, int> { ["blue"] = 100, ["green"] = 0 }, kubernetesCompute: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/aks");
        var target = harness.Target("ep-k8s", EndpointCompute.Kubernetes);

        var refusal = await Assert.ThrowsAsync<EndpointRuleViolationException>(() => target.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("green", 10)])));

        Assert.Contains(refusal.Violations, v => v.Rule == EndpointRule.NoMirrorOnKubernetes);
        Assert.Contains("Kubernetes", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Calls("ep-k8s"), c => c.IsMutation);
        Assert.Equal(EndpointCompute.Kubernetes, (await target.GetStateAsync())!.Compute);
    }

    [Fact]
    public async Task SetTraffic_KubernetesLiveSplit_AppliedWithoutMirrorField()
    {
        harness.Reset();
        harness.Emulator.SeedEndpoint(AzureMlHarness.Subscription, AzureMlHarness.ResourceGroup, AzureMlHarness.WorkspaceName, "ep-k8s-live", new Dictionary<string, int> { ["blue"] = 100, ["green"] = 0 }, kubernetesCompute: "/subscriptions/x/computes/aks");
        var target = harness.Target("ep-k8s-live", EndpointCompute.Kubernetes);

        await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 90), new("green", 10)]));

        var put = Assert.Single(harness.Calls("ep-k8s-live"), c => c.IsMutation);
        Assert.DoesNotContain("mirrorTraffic", put.Body!, StringComparison.Ordinal);
        Assert.Equal(TrafficSplit.Create([new("blue", 90), new("green", 10)]), (await target.GetStateAsync())!.Traffic);
    }

    [Fact]
    public async Task SetTraffic_SeveralRulesBroken_ReportsEveryViolationBeforeAnyPut()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-rules");
        var before = harness.Calls("ep-rules").Count(c => c.IsMutation);

        var refusal = await Assert.ThrowsAsync<EndpointRuleViolationException>(() =>
            target.SetTrafficAsync(TrafficSplit.Create([new("blue", 80), new("ghost", 10)], [new("blue", 60)])));

        var rules = refusal.Violations.Select(v => v.Rule).ToHashSet();
        Assert.Superset(new HashSet<EndpointRule> { EndpointRule.LiveTotal, EndpointRule.MirrorLimit, EndpointRule.LiveOrMirror, EndpointRule.ProvisionedOnly }, rules);
        Assert.Equal(before, harness.Calls("ep-rules").Count(c => c.IsMutation));
    }

    [Fact]
    public async Task SetTraffic_ToAFailedDeployment_RefusedBeforeAnyPut()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-failed-green");
        harness.Emulator.Knobs.FailProvisioning("green", "quota exceeded");
        await Assert.ThrowsAsync<DeploymentFailedException>(() => target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2")));
        var before = harness.Calls("ep-failed-green").Count(c => c.IsMutation);

        var refusal = await Assert.ThrowsAsync<EndpointRuleViolationException>(() => target.SetTrafficAsync(TrafficSplit.Create([new("blue", 90), new("green", 10)])));

        Assert.Contains(refusal.Violations, v => v.Rule == EndpointRule.ProvisionedOnly && v.Message.Contains("Failed", StringComparison.Ordinal));
        Assert.Equal(before, harness.Calls("ep-failed-green").Count(c => c.IsMutation));
    }

    [Fact]
    public async Task DeleteDeployment_WithLiveTraffic_RefusedBeforeAnyDelete()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-delete-live");

        var refusal = await Assert.ThrowsAsync<EndpointRuleViolationException>(() => target.DeleteDeploymentAsync("Blue"));

        Assert.Contains(refusal.Violations, v => v.Rule == EndpointRule.NoDeleteWithLiveTraffic);
        Assert.DoesNotContain(harness.Calls("ep-delete-live"), c => c.Method == "DELETE");
    }

    [Fact]
    public async Task PutDeployment_LocalFilesInsteadOfAssets_RefusedNamingEveryFieldBeforeAnyPut()
    {
        harness.Reset();
        var target = harness.Target("ep-local-files");
        await target.EnsureEndpointAsync();
        var spec = new DeploymentSpec("../model-1/model/", new CodeConfiguration("../model-1/onlinescoring/", "score.py"), "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest", "Standard_DS3_v2", 1, null, null, null, null, null);

        var failure = await Assert.ThrowsAsync<DeploymentFailedException>(() => target.PutDeploymentAsync("blue", spec));

        Assert.Contains("model '../model-1/model/'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("code_configuration.code", failure.Message, StringComparison.Ordinal);
        Assert.Contains("environment 'mcr.microsoft.com", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Calls("ep-local-files"), c => c.Path.Contains("/deployments/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnsureEndpoint_KubernetesEndpointMissing_ExplainsItMustExistFirst()
    {
        harness.Reset();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Target("ep-k8s-missing", EndpointCompute.Kubernetes).EnsureEndpointAsync());

        Assert.Contains("Kubernetes compute attached", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Calls("ep-k8s-missing"), c => c.IsMutation);
    }
}
