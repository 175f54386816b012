using System.Diagnostics;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using ScoringServer;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>
/// Instances are real processes: a killed or crashed one is restarted, counted, and serves again; a fresh one warms
/// itself up before it is ready, without counting the warm-up as requests anywhere.
/// </summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class ScoringInstanceTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task KilledInstance_IsRestartedCountedAndServesAgain()
    {
        var endpoint = fixture.Host.GetEndpoint("restarts") ?? await fixture.CreateEndpointAsync(
            "restarts", TrafficSplit.AllTo("blue"), ("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1, instanceCount: 2)));
        var victim = endpoint.GetInstances("blue")[0];

        using (var process = Process.GetProcessById(victim.ProcessId!.Value))
        {
            process.Kill();
        }

        // The other instance answers while the killed one comes back.
        var during = await fixture.ScoreManyAsync(endpoint, 50, 2);
        await LocalHostFixture.WaitUntilAsync(() => endpoint.GetInstances("blue")[0] is { Ready: true, Restarts: 1 }, "the killed instance was restarted");

        Assert.All(during, r => Assert.Equal(200, r.Status));
        var restarted = endpoint.GetInstances("blue")[0];
        Assert.NotEqual(victim.ProcessId, restarted.ProcessId);
        Assert.Equal(0, endpoint.GetInstances("blue")[1].Restarts);
        Assert.Equal(200, (await fixture.ScoreAsync(endpoint)).Status);
        Assert.Contains("exited with code", endpoint.GetLogs("blue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrashAfterRequestsFault_InstanceExitsAfterServingAndIsRestarted()
    {
        var spec = DeploymentSpec.ForModel(LocalHostFixture.Model1) with { Faults = FaultInjection.None with { CrashAfterRequests = 3 } };
        var endpoint = await fixture.CreateEndpointAsync("crashes", TrafficSplit.AllTo("blue"), ("blue", spec));
        var first = endpoint.GetInstances("blue")[0];

        var served = new List<Scored>();
        for (var i = 0; i < 3; i++)
        {
            served.Add(await fixture.ScoreAsync(endpoint));
        }

        await LocalHostFixture.WaitUntilAsync(() => endpoint.GetInstances("blue")[0] is { Ready: true, Restarts: >= 1 }, "the crashed instance was restarted");
        Assert.All(served, r => Assert.Equal(200, r.Status));
        Assert.NotEqual(first.ProcessId, endpoint.GetInstances("blue")[0].ProcessId);
        Assert.Contains("Injected crash after serving request 3", endpoint.GetLogs("blue"), StringComparison.Ordinal);
        Assert.Contains("exited with code 3", endpoint.GetLogs("blue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutDeployment_FreshInstance_IsWarmBeforeItIsReady()
    {
        var endpoint = await fixture.CreateEndpointAsync("warm", TrafficSplit.AllTo("blue"), ("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1)));

        // The process writes its warm line before the port line, and the host probes readiness only after the port
        // line, so the line is in the log by the time the deployment has succeeded: no waiting needed.
        Assert.True(endpoint.GetInstances("blue")[0].Ready);
        Assert.Contains($"{ScoringProtocol.WarmPrefix}requests={ScoringProtocol.DefaultWarmUpRequests} ", endpoint.GetLogs("blue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutDeployment_WarmUpRequests_AreNotInTheHostsMeasurements()
    {
        var endpoint = await fixture.CreateEndpointAsync("warm-measured", TrafficSplit.AllTo("blue"), ("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1)));
        var (start, end) = (fixture.Clock.GetUtcNow().AddHours(-1), fixture.Clock.GetUtcNow().AddHours(1));

        var beforeAny = endpoint.Measurements.Query("blue", start, end).Requests;
        var served = new[] { await fixture.ScoreAsync(endpoint), await fixture.ScoreAsync(endpoint) };

        Assert.Equal(0, beforeAny);
        Assert.All(served, r => Assert.Equal(200, r.Status));
        Assert.Equal(2, endpoint.Measurements.Query("blue", start, end).Requests);
    }

    [Fact]
    public async Task CrashAfterOneRequest_WarmUpDoesNotCount_CrashesAfterTheFirstRealRequest()
    {
        // Were warm-up requests counted, the process would crash while warming and never get ready: the put would fail.
        var spec = DeploymentSpec.ForModel(LocalHostFixture.Model1) with { Faults = FaultInjection.None with { CrashAfterRequests = 1 } };
        var endpoint = await fixture.CreateEndpointAsync("crash-first", TrafficSplit.AllTo("blue"), ("blue", spec));
        var first = endpoint.GetInstances("blue")[0];

        var served = await fixture.ScoreAsync(endpoint);
        await LocalHostFixture.WaitUntilAsync(() => endpoint.GetInstances("blue")[0] is { Ready: true, Restarts: >= 1 }, "the crashed instance was restarted, and warmed up again without crashing");

        Assert.Equal((true, 0), (first.Ready, first.Restarts));
        Assert.Equal(200, served.Status);
        Assert.NotEqual(first.ProcessId, endpoint.GetInstances("blue")[0].ProcessId);
        Assert.Contains("Injected crash after serving request 1", endpoint.GetLogs("blue"), StringComparison.Ordinal);
    }
}
