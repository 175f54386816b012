using Orchestrator.Endpoints;
using Orchestrator.Metrics.Local;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>A slow or failing shadow changes nothing for clients: not their status, not their latency.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class MirrorIsolationTests(LocalHostFixture fixture) : IAsyncLifetime
{
    private LocalEndpoint _endpoint = null!;

    public async Task InitializeAsync() =>
        _endpoint = fixture.Host.GetEndpoint("isolation") ?? await fixture.CreateEndpointAsync(
            "isolation",
            TrafficSplit.AllTo("blue"),
            ("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1)),
            ("shadow", DeploymentSpec.ForModel(LocalHostFixture.Model2)));

    public Task DisposeAsync() => _endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));

    public static TheoryData<string, int, double> ShadowFaults => new()
    {
        { "slow", 400, 0 },
        { "failing", 0, 1.0 },
    };

    [Theory]
    [MemberData(nameof(ShadowFaults))]
    public async Task Score_MirrorToFaultyShadow_ClientsSeeTheSameStatusAndLatency(string kind, int latencyMs, double errorRate)
    {
        await _endpoint.SetFaultsAsync("shadow", new FaultInjection(new LatencyFault(TimeSpan.FromMilliseconds(latencyMs), TimeSpan.Zero), errorRate, null, false));
        await fixture.ScoreManyAsync(_endpoint, 200, 4); // warm up connections and JIT before measuring

        var withoutMirror = await fixture.ScoreManyAsync(_endpoint, 600, 4);
        await _endpoint.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("shadow", 50)]));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var start = fixture.Clock.GetUtcNow();
        var withMirror = await fixture.ScoreManyAsync(_endpoint, 600, 4);

        Assert.All(withMirror, r => Assert.Equal(("blue", 200), (r.ServedBy, r.Status)));
        Assert.All(withMirror, r => Assert.StartsWith("[11055.97", r.Body, StringComparison.Ordinal));
        var baseline = Percentile(withoutMirror, 0.5);
        var mirrored = Percentile(withMirror, 0.5);
        // Generous: a loaded 2-core machine jitters, but a mirror waited on would add its 400 ms (or its failures).
        Assert.True(mirrored <= (baseline * 3) + 20, $"{kind} shadow: client p50 {mirrored:F2} ms with mirror vs {baseline:F2} ms without");
        if (latencyMs > 0)
        {
            Assert.True(Percentile(withMirror, 0.9) < latencyMs / 2.0, $"{kind} shadow: client p90 {Percentile(withMirror, 0.9):F2} ms shows the mirror's {latencyMs} ms");
        }

        // The shadow did get its copies, and its failures or slowness are measured as mirrored traffic.
        await LocalHostFixture.WaitUntilAsync(() => _endpoint.Measurements.Query("shadow", start, start.AddSeconds(1)).Requests > 0, "the shadow received copies");
        var shadow = _endpoint.Measurements.Query("shadow", start, start.AddSeconds(1), new HashSet<TrafficKind> { TrafficKind.Mirrored });
        Assert.True(shadow.Requests > 0);
        if (errorRate > 0)
        {
            await LocalHostFixture.WaitUntilAsync(() => _endpoint.Measurements.Query("shadow", start, start.AddSeconds(1)).ServerErrors > 0, "the shadow's failures were measured");
        }
    }

    private static double Percentile(List<Scored> results, double quantile)
    {
        var sorted = results.Select(r => r.Elapsed.TotalMilliseconds).Order().ToList();
        return sorted[(int)Math.Ceiling(quantile * sorted.Count) - 1];
    }
}
