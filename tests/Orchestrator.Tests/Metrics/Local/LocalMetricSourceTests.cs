using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets.Local;
using Orchestrator.Targets.Local.Tests;
using Policies.Gates;

namespace Orchestrator.Metrics.Local.Tests;

/// <summary>Injected latency and errors show in what the local metric source answers, from real requests to real processes.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class LocalMetricSourceTests(LocalHostFixture fixture) : IAsyncLifetime
{
    private LocalEndpoint _endpoint = null!;
    private LocalMetricSource _source = null!;

    public async Task InitializeAsync()
    {
        _endpoint = fixture.Host.GetEndpoint("metrics") ?? await fixture.CreateEndpointAsync(
            "metrics",
            TrafficSplit.Create([new("blue", 100)], [new("green", 50)]),
            ("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1)),
            ("green", DeploymentSpec.ForModel(LocalHostFixture.Model2)));
        _source = (LocalMetricSource)new LocalMetricSourceFactory(fixture.Host).Create(new TargetSpec(TargetKind.Local, "metrics", null, EndpointCompute.Managed));
    }

    public Task DisposeAsync() => _endpoint.SetFaultsAsync("green", FaultInjection.None);

    [Fact]
    public async Task QueryAsync_InjectedLatencyAndErrors_ShowInTheShadowsMirroredMeasurements()
    {
        await _endpoint.SetFaultsAsync("green", new FaultInjection(new LatencyFault(TimeSpan.FromMilliseconds(60), TimeSpan.Zero), 0.5, null, false));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var start = fixture.Clock.GetUtcNow();
        var end = start.AddSeconds(10);

        await fixture.ScoreManyAsync(_endpoint, 400, 4);
        await LocalHostFixture.WaitUntilAsync(() => _endpoint.Measurements.Query("green", start, end).Requests >= 200, "the 200 mirrored copies were answered");

        var green = await ReadAsync("green", start, end);
        var blue = await ReadAsync("blue", start, end);
        Assert.Equal(200, green[GateMetric.RequestRate].Samples);
        Assert.Equal(20, green[GateMetric.RequestRate].Value!.Value, 1e-9);
        Assert.InRange(green[GateMetric.LatencyP50Ms].Value!.Value, 57, 90);
        Assert.InRange(green[GateMetric.LatencyP99Ms].Value!.Value, 57, 1000);
        Assert.InRange(green[GateMetric.ErrorRate5xx].Value!.Value, 35, 65);
        Assert.Equal(0, green[GateMetric.ErrorRate4xx].Value);
        Assert.Equal(400, blue[GateMetric.RequestRate].Samples);
        Assert.Equal(0, blue[GateMetric.ErrorRate5xx].Value);
        Assert.True(blue[GateMetric.LatencyP50Ms].Value < green[GateMetric.LatencyP50Ms].Value, $"blue p50 {blue[GateMetric.LatencyP50Ms].Value} ms is not below green's");
    }

    [Fact]
    public async Task QueryAsync_WindowWithoutRequests_IsNoData()
    {
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var start = fixture.Clock.GetUtcNow();

        var reading = await _source.QueryAsync(new MetricQuery("blue", GateMetric.LatencyP99Ms, start, start.AddMinutes(1)));

        Assert.Equal(MetricReading.NoData, reading);
    }

    [Fact]
    public async Task QueryAsync_UnknownEndpoint_IsUnavailable()
    {
        var source = new LocalMetricSource(fixture.Host, "no-such-endpoint");

        var reading = await source.QueryAsync(new MetricQuery("blue", GateMetric.RequestRate, fixture.Clock.GetUtcNow(), fixture.Clock.GetUtcNow().AddMinutes(1)));

        Assert.True(reading.IsUnavailable);
        Assert.Contains("no-such-endpoint", reading.Error, StringComparison.Ordinal);
    }

    private async Task<Dictionary<GateMetric, MetricReading>> ReadAsync(string deployment, DateTimeOffset start, DateTimeOffset end)
    {
        var readings = new Dictionary<GateMetric, MetricReading>();
        foreach (var metric in Enum.GetValues<GateMetric>())
        {
            readings[metric] = await _source.QueryAsync(new MetricQuery(deployment, metric, start, end));
        }

        return readings;
    }
}
