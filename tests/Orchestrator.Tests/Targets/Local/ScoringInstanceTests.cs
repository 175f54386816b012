using System.Diagnostics;
using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>Instances are real processes: a killed or crashed one is restarted, counted, and serves again.</summary>
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
}
