namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Issue 4, "Tests cover": Kubernetes online endpoints have no mirroring. A plan that mirrors on one is refused
/// before anything changes (exit 2, with the reason and how to proceed), whether the plan says the endpoint is
/// Kubernetes or the endpoint turns out to be one; with <c>mirrorOnKubernetes: skip</c> the mirror step is dropped
/// and the rollout goes through.
/// </summary>
public sealed class AzureMlKubernetesRunTests : AzureMlRunTestBase
{
    private const string Steps = """
        steps:
          - deploy
          - mirror: {percent: 10}
          - traffic: {percent: 100}
        """;

    protected override Task PrepareAsync()
    {
        Harness.SeedBlue(kubernetesCompute: $"/subscriptions/{AzureMlRunHarness.Subscription}/resourceGroups/{AzureMlRunHarness.ResourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/{AzureMlRunHarness.Workspace}/computes/aks");
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_KubernetesPlanWithAMirrorStep_RefusedBeforeAnyRequest()
    {
        await Harness.WritePlanAsync(AzureMlRunHarness.Plan("1s", target: "  compute: kubernetes", baselineSpec: false, steps: Steps));

        var result = await Harness.RunAsync();

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Contains("steps[1]", result.Progress, StringComparison.Ordinal);
        Assert.Contains("Kubernetes online endpoints do not support mirrored traffic", result.Progress, StringComparison.Ordinal);
        Assert.Contains("mirrorOnKubernetes: skip", result.Progress, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Progress, StringComparison.Ordinal);
        Assert.Empty(Harness.Emulator.Requests.Entries);
    }

    [Fact]
    public async Task Run_ManagedPlanOnAKubernetesEndpoint_RefusedAtSubmitWithNothingChanged()
    {
        // The plan leaves target.compute at its default (managed); the endpoint says otherwise.
        await Harness.WritePlanAsync(AzureMlRunHarness.Plan("1s", baselineSpec: false, steps: Steps));

        var result = await Harness.RunAsync();

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Contains("target.compute: endpoint my-endpoint is a Kubernetes online endpoint, which cannot mirror traffic, and the plan mirrors in step 2", result.Progress, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Progress, StringComparison.Ordinal);
        Assert.Empty(Harness.Mutations());
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, Harness.Traffic().Live);
    }

    [Fact]
    public async Task Run_KubernetesPlanSkippingMirrorSteps_SucceedsWithoutEverMirroring()
    {
        await Harness.WritePlanAsync(AzureMlRunHarness.Plan("2s", target: "  compute: kubernetes\n  mirrorOnKubernetes: skip", baselineSpec: false));

        var result = await Harness.RunAsync();

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("Succeeded", result.FinalState);
        Assert.Equal(
            [
                "PUT deployment green",
                "PUT endpoint traffic={blue:90,green:10} mirror=none",
                "PUT endpoint traffic={green:100} mirror=none",
                "DELETE deployment blue",
            ],
            Harness.Mutations());
        Assert.Contains("\"endpointComputeType\":\"Kubernetes\"", Harness.Emulator.Requests.Entries.First(r => r.IsMutation).Body, StringComparison.Ordinal);
    }
}
