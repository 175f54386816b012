using System.Text.Json;
using Orchestrator.Endpoints;
using Orchestrator.Metrics.Local;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>The data plane over real HTTP and real processes: auth, answers, header routing, the split, the mirror.</summary>
[Collection(LocalHostTestGroup.Name)]
public sealed class EndpointDataPlaneTests(LocalHostFixture fixture) : IAsyncLifetime
{
    private LocalEndpoint _endpoint = null!;

    public async Task InitializeAsync() =>
        _endpoint = fixture.Host.GetEndpoint("dataplane") ?? await fixture.CreateEndpointAsync(
            "dataplane",
            TrafficSplit.AllTo("blue"),
            ("blue", DeploymentSpec.ForModel(LocalHostFixture.Model1)),
            ("green", DeploymentSpec.ForModel(LocalHostFixture.Model2)),
            ("shadow", DeploymentSpec.ForModel(LocalHostFixture.Model2)));

    public Task DisposeAsync() => _endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));

    [Fact]
    public async Task Score_SampleRequestOnModel1_AnswersTheAzureSampleValues()
    {
        var scored = await fixture.ScoreAsync(_endpoint);

        Assert.Equal(200, scored.Status);
        Assert.Equal("blue", scored.ServedBy);
        var values = JsonSerializer.Deserialize<double[]>(scored.Body)!;
        Assert.Equal(2, values.Length);
        Assert.Equal(11055.977245525679, values[0], 1e-6);
        Assert.Equal(4503.079536107787, values[1], 1e-6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task Score_WithoutAValidKey_Returns401(string? key)
    {
        var scored = await fixture.ScoreAsync(_endpoint, key: key);

        Assert.Equal(401, scored.Status);
        Assert.Null(scored.ServedBy);
    }

    [Fact]
    public async Task Score_WithSecondaryKey_IsAuthorized()
    {
        var scored = await fixture.ScoreAsync(_endpoint, key: _endpoint.Keys.SecondaryKey);

        Assert.Equal(200, scored.Status);
    }

    [Fact]
    public async Task RegenerateKey_Primary_RefusesTheOldKeyAndKeepsTheSecondary()
    {
        var before = _endpoint.Keys;

        var after = await _endpoint.RegenerateKeyAsync(EndpointKeyKind.Primary);

        Assert.NotEqual(before.PrimaryKey, after.PrimaryKey);
        Assert.Equal(before.SecondaryKey, after.SecondaryKey);
        Assert.Equal(401, (await fixture.ScoreAsync(_endpoint, key: before.PrimaryKey)).Status);
        Assert.Equal(200, (await fixture.ScoreAsync(_endpoint, key: after.PrimaryKey)).Status);
    }

    [Fact]
    public async Task Score_PinnedToZeroPercentDeployment_IsServedByIt()
    {
        var scored = await fixture.ScoreAsync(_endpoint, deployment: "green");

        Assert.Equal(200, scored.Status);
        Assert.Equal("green", scored.ServedBy);
        Assert.Equal([0.5, 0.5], JsonSerializer.Deserialize<double[]>(scored.Body)!);
    }

    [Fact]
    public async Task Score_PinnedToMirrorOnlyDeployment_IsServedByItAndNeverMirrored()
    {
        await _endpoint.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("shadow", 50)]));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var window = (Start: fixture.Clock.GetUtcNow(), End: fixture.Clock.GetUtcNow().AddSeconds(1));

        var toShadow = await fixture.ScoreManyAsync(_endpoint, 20, 4, deployment: "shadow");
        var toBlue = await fixture.ScoreManyAsync(_endpoint, 20, 4, deployment: "blue");

        Assert.All(toShadow, s => Assert.Equal(("shadow", 200), (s.ServedBy, s.Status)));
        Assert.All(toBlue, s => Assert.Equal(("blue", 200), (s.ServedBy, s.Status)));
        var shadow = _endpoint.Measurements.Query("shadow", window.Start, window.End, new HashSet<TrafficKind> { TrafficKind.Pinned });
        var mirrored = _endpoint.Measurements.Query("shadow", window.Start, window.End, new HashSet<TrafficKind> { TrafficKind.Mirrored });
        Assert.Equal(20, shadow.Requests);
        Assert.Equal(0, mirrored.Requests);
    }

    [Fact]
    public async Task Score_PinnedToUnknownDeployment_Returns404NamingIt()
    {
        var scored = await fixture.ScoreAsync(_endpoint, deployment: "purple");

        Assert.Equal(404, scored.Status);
        Assert.Contains("'purple' not found", scored.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_NoLiveTraffic_Returns404NoPositiveWeight()
    {
        await _endpoint.SetTrafficAsync(TrafficSplit.Empty);

        var scored = await fixture.ScoreAsync(_endpoint);

        Assert.Equal(404, scored.Status);
        Assert.Contains("no deployment with positive weight", scored.Body, StringComparison.Ordinal);
        Assert.Equal(200, (await fixture.ScoreAsync(_endpoint, deployment: "blue")).Status);
    }

    [Fact]
    public async Task Score_ModelAnswersNon200_Returns424WithTheModelsStatus()
    {
        var scored = await fixture.ScoreAsync(_endpoint, body: """{"data": [[1, 2]]}""");

        Assert.Equal(424, scored.Status);
        Assert.Equal("500", scored.ModelStatus);
        Assert.Equal("blue", scored.ServedBy);
        Assert.Contains("An unexpected error occurred in scoring script", scored.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_SplitNinetyTen_HoldsTheSharesOver10000Requests()
    {
        await _endpoint.SetTrafficAsync(TrafficSplit.Create([new("blue", 90), new("green", 10)]));

        var results = await fixture.ScoreManyAsync(_endpoint, 10_000, 16);

        Assert.All(results, r => Assert.Equal(200, r.Status));
        var green = results.Count(r => r.ServedBy == "green");
        var blue = results.Count(r => r.ServedBy == "blue");
        var sigma = Math.Sqrt(10_000 * 0.1 * 0.9);
        Assert.Equal(10_000, green + blue);
        Assert.InRange(green, 1000 - (3 * sigma), 1000 + (3 * sigma));
    }

    [Fact]
    public async Task Score_MirrorTenPercent_CopiesTenPercentOfLiveRequestsAndDiscardsTheirAnswers()
    {
        await _endpoint.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("green", 10)]));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var start = fixture.Clock.GetUtcNow();
        var mirroredSoFar = () => _endpoint.Measurements.Query("green", start, start.AddSeconds(1), new HashSet<TrafficKind> { TrafficKind.Mirrored }).Requests;

        var results = await fixture.ScoreManyAsync(_endpoint, 2_000, 8);
        await LocalHostFixture.WaitUntilAsync(() => mirroredSoFar() >= 200 - (3 * Math.Sqrt(2_000 * 0.1 * 0.9)), "the mirrored copies arrived");

        Assert.All(results, r => Assert.Equal(("blue", 200), (r.ServedBy, r.Status)));
        Assert.All(results, r => Assert.StartsWith("[11055.97", r.Body, StringComparison.Ordinal));
        var sigma = Math.Sqrt(2_000 * 0.1 * 0.9);
        Assert.InRange(mirroredSoFar(), 200 - (3 * sigma), 200 + (3 * sigma));
        Assert.Equal(0, _endpoint.MirrorDropped);
    }

    [Fact]
    public async Task Metrics_AfterTraffic_ExposesPrometheusCountersAndHistograms()
    {
        await fixture.ScoreAsync(_endpoint);

        using var response = await fixture.Client.GetAsync(new Uri(_endpoint.ScoringUri, "/metrics"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TYPE local_endpoint_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains("local_endpoint_requests_total{endpoint=\"dataplane\",deployment=\"blue\",traffic=\"live\",status_code=\"200\",status_class=\"2xx\",model_status_code=\"200\"}", text, StringComparison.Ordinal);
        Assert.Contains("local_endpoint_request_duration_milliseconds_bucket{endpoint=\"dataplane\",deployment=\"blue\",traffic=\"live\",le=\"+Inf\"}", text, StringComparison.Ordinal);
        Assert.Contains("local_endpoint_ready_instances{endpoint=\"dataplane\",deployment=\"blue\"} 1", text, StringComparison.Ordinal);
    }
}
