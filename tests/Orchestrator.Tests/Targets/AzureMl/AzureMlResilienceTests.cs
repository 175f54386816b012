using Orchestrator.Endpoints;

namespace Orchestrator.Targets.AzureMl.Tests;

public sealed class AzureMlResilienceTests(AzureMlHarness harness) : IClassFixture<AzureMlHarness>
{
    [Fact]
    public async Task SetTraffic_ThrottlingStormAndConflicts_AppliedExactlyOnce()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-storm");
        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));
        harness.Emulator.Requests.Clear();
        harness.Emulator.Knobs.ThrottleNext(4);
        harness.Emulator.Knobs.ConflictNext(2);

        await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 90), new("green", 10)]));

        var calls = harness.Calls("ep-storm");
        var puts = calls.Where(c => c.Method == "PUT").ToList();
        Assert.Equal(4, harness.Emulator.Requests.Entries.Count(c => c.Status == 429));
        Assert.Equal(2, puts.Count(c => c.Status == 409));
        Assert.Single(puts, c => c.Succeeded);
        var (live, mirror) = harness.Emulator.Traffic(AzureMlHarness.Subscription, AzureMlHarness.ResourceGroup, AzureMlHarness.WorkspaceName, "ep-storm")!.Value;
        Assert.Equal(90, live["blue"]);
        Assert.Equal(10, live["green"]);
        Assert.Empty(mirror);
    }

    [Fact]
    public async Task PutDeployment_TransientServerErrors_WaitedOutAndCreatedOnce()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-5xx");
        harness.Emulator.Knobs.ServerErrorNext(3);

        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));

        Assert.Equal(3, harness.Emulator.Requests.Entries.Count(c => c.Status == 503));
        Assert.Single(harness.Calls("ep-5xx"), c => c.Method == "PUT" && c.Path.EndsWith("/deployments/green", StringComparison.Ordinal) && c.Succeeded);
        Assert.Equal(ProvisioningState.Succeeded, (await target.GetStateAsync())!.Deployment("green")!.Provisioning);
    }

    [Fact]
    public async Task PutDeployment_ProvisioningFails_ThrowsDeploymentFailedWithTheServiceMessage()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-failing");
        const string ServiceMessage = "Image build failed: conda environment could not be resolved.";
        harness.Emulator.Knobs.FailProvisioning("green", ServiceMessage);

        var failure = await Assert.ThrowsAsync<DeploymentFailedException>(() => target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2")));

        Assert.Contains(ServiceMessage, failure.Message, StringComparison.Ordinal);
        Assert.Contains("green", failure.Message, StringComparison.Ordinal);
        var state = await target.GetStateAsync();
        Assert.Equal(ProvisioningState.Failed, state!.Deployment("green")!.Provisioning);
        Assert.Equal(TrafficSplit.AllTo("blue"), state.Traffic);
    }

    [Fact]
    public async Task ScaleDeployment_ProvisioningFails_ThrowsDeploymentFailed()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-scale-fails");
        harness.Emulator.Knobs.FailProvisioning("blue", "Not enough quota for 40 instances of Standard_DS3_v2.");

        var failure = await Assert.ThrowsAsync<DeploymentFailedException>(() => target.ScaleDeploymentAsync("blue", 40));

        Assert.Contains("Not enough quota", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetTraffic_OperationNeverEnds_ThrowsTimeout()
    {
        harness.Reset();
        await using var client = harness.Client(settings => settings["AzureMl:OperationTimeout"] = "00:00:01");
        var target = client.Target("ep-stuck");
        await target.EnsureEndpointAsync();
        await target.PutDeploymentAsync("blue", AzureMlHarness.Spec("model-1"));
        harness.Emulator.Knobs.OperationsNeverFinish = true;

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => target.SetTrafficAsync(TrafficSplit.AllTo("blue")));

        Assert.Contains("ep-stuck", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("did not finish within", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutDeployment_ProvisioningNeverEnds_FailsTheDeploymentWithATimeout()
    {
        harness.Reset();
        await using var client = harness.Client(settings => settings["AzureMl:ProvisioningTimeout"] = "00:00:01");
        var target = client.Target("ep-slow");
        await target.EnsureEndpointAsync();
        harness.Emulator.Knobs.OperationsNeverFinish = true;

        var failure = await Assert.ThrowsAsync<DeploymentFailedException>(() => target.PutDeploymentAsync("blue", AzureMlHarness.Spec("model-1")));

        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.Contains("blue", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetState_ThrottledBeyondRetries_ThrowsWithTheServiceError()
    {
        harness.Reset();
        await using var client = harness.Client(settings => settings["AzureMl:MaxRetries"] = "1");
        harness.Emulator.Knobs.ThrottleNext(5);

        var failure = await Assert.ThrowsAsync<AzureMlRequestException>(() => client.Target("ep-throttled").GetStateAsync());

        Assert.Equal(429, failure.Status);
        Assert.Equal("TooManyRequests", failure.ErrorCode);
        Assert.Equal(2, harness.Emulator.Requests.Entries.Count(c => c.Status == 429));
    }
}
