using System.Web;
using AzureMlEmulator;
using Orchestrator.Endpoints;
using Orchestrator.Targets;
using Orchestrator.Targets.AzureMl.Tests;
using Policies.Gates;

namespace Orchestrator.Metrics.AzureMonitor.Tests;

/// <summary>Metrics computed by the emulator from real scoring requests, read back through the metric source over HTTPS.</summary>
public sealed class AzureMonitorMetricSourceTests(AzureMlHarness harness) : IClassFixture<AzureMlHarness>
{
    private const string SampleRequest = "{\"data\": [[1,2,3,4,5,6,7,8,9,10]]}";

    // Long past for the client's clock, so every minute of the window is complete.
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private EmulatorClock Clock => (EmulatorClock)harness.Emulator.Clock;

    [Fact]
    public async Task Query_LatencyOfASlowGreen_IsAboveBlueWithRequestCountsAsSamples()
    {
        var target = await PrepareAsync("ep-latency");
        harness.Emulator.Knobs.InjectLatency("green", TimeSpan.FromMilliseconds(250));
        await InvokeAsync(target, "blue", 6);
        await InvokeAsync(target, "green", 3);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await InvokeAsync(target, "blue", 2);
        await InvokeAsync(target, "green", 1);

        var green = await harness.Metrics("ep-latency").QueryAsync(new MetricQuery("green", GateMetric.LatencyP95Ms, T0, T0.AddMinutes(5)));
        var blue = await harness.Metrics("ep-latency").QueryAsync(new MetricQuery("Blue", GateMetric.LatencyP50Ms, T0, T0.AddMinutes(5)));

        Assert.Equal(4, green.Samples);
        Assert.InRange(green.Value!.Value, 250, 60_000);
        Assert.Equal(8, blue.Samples);
        Assert.True(blue.Value < green.Value, $"blue p50 {blue.Value} should be below green p95 {green.Value}");
        var call = harness.Emulator.Requests.Entries.Last(r => r.IsMetrics);
        var query = HttpUtility.ParseQueryString(call.Query);
        Assert.Equal("2024-02-01", query["api-version"]);
        Assert.Equal("RequestLatency_P50,RequestsPerMinute", query["metricnames"]);
        Assert.Equal("deployment eq 'blue'", query["$filter"]);
        Assert.Equal("PT1M", query["interval"]);
        Assert.Equal("2026-01-01T10:00:00Z/2026-01-01T10:05:00Z", query["timespan"]);
        Assert.EndsWith("/onlineEndpoints/ep-latency/providers/Microsoft.Insights/metrics", call.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ErrorRates_MatchTheRecordedStatusClasses()
    {
        var target = await PrepareAsync("ep-errors");
        harness.Emulator.Knobs.InjectErrors("green", 0.5, 503);
        await InvokeAsync(target, "green", 20);
        await InvokeAsync(target, "blue", 5);
        var green = harness.Emulator.ScoringRecords().Where(r => r.Endpoint == "ep-errors" && r.Deployment == "green").ToList();
        var expected = 100.0 * green.Count(r => r.StatusCode == 503) / green.Count;

        var errors = await harness.Metrics("ep-errors").QueryAsync(new MetricQuery("green", GateMetric.ErrorRate5xx, T0, T0.AddMinutes(5)));
        var clientErrors = await harness.Metrics("ep-errors").QueryAsync(new MetricQuery("green", GateMetric.ErrorRate4xx, T0, T0.AddMinutes(5)));

        Assert.Equal(expected, errors.Value!.Value, 9);
        Assert.InRange(errors.Value.Value, 1, 99);
        Assert.Equal(20, errors.Samples);
        Assert.Equal(0, clientErrors.Value);
        Assert.Contains("statusCodeClass eq '*'", HttpUtility.ParseQueryString(harness.Emulator.Requests.Entries.Last(r => r.IsMetrics).Query)["$filter"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_RequestRate_IsRequestsPerSecondOverTheAlignedWindow()
    {
        var target = await PrepareAsync("ep-rate");
        await InvokeAsync(target, "green", 6);

        var rate = await harness.Metrics("ep-rate").QueryAsync(new MetricQuery("green", GateMetric.RequestRate, T0.AddSeconds(20), T0.AddMinutes(2).AddSeconds(59)));

        Assert.Equal(6 / 120.0, rate.Value!.Value, 9);
        Assert.Equal(6, rate.Samples);
    }

    [Fact]
    public async Task Query_NoRequestsInTheWindow_IsNoData()
    {
        var target = await PrepareAsync("ep-quiet");
        await InvokeAsync(target, "blue", 3);

        var reading = await harness.Metrics("ep-quiet").QueryAsync(new MetricQuery("green", GateMetric.LatencyP95Ms, T0, T0.AddMinutes(5)));

        Assert.Equal(MetricReading.NoData, reading);
    }

    [Fact]
    public async Task Query_MetricsApiFailing_IsUnavailableWithTheReason()
    {
        harness.Reset();
        harness.Emulator.Knobs.MetricsFailure = "Metrics backend is down (injected).";
        await using var client = harness.Client(settings => settings["AzureMl:MaxRetries"] = "1");

        var reading = await client.Metrics("ep-down").QueryAsync(new MetricQuery("green", GateMetric.ErrorRate5xx, T0, T0.AddMinutes(5)));

        Assert.True(reading.IsUnavailable);
        Assert.Contains("Metrics backend is down", reading.Error, StringComparison.Ordinal);
        Assert.Equal(2, harness.Emulator.Requests.Entries.Count(r => r.IsMetrics));
    }

    [Fact]
    public async Task Query_EndInTheFuture_AsksOnlyForCompleteMinutes()
    {
        harness.Reset();
        var now = TimeProvider.System.GetUtcNow();

        await harness.Metrics("ep-future").QueryAsync(new MetricQuery("green", GateMetric.RequestRate, now.AddMinutes(-10), now.AddMinutes(10)));

        var timespan = HttpUtility.ParseQueryString(harness.Emulator.Requests.Entries.Single(r => r.IsMetrics).Query)["timespan"]!;
        var end = DateTimeOffset.Parse(timespan.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(end <= now, $"window end {end:O} must not pass now {now:O}");
        Assert.Equal(0, end.Second);
    }

    private async Task<IEndpointTarget> PrepareAsync(string endpoint)
    {
        harness.Reset();
        Clock.Freeze(T0.AddSeconds(10));
        var target = await harness.BlueAtFullTrafficAsync(endpoint);
        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));
        return target;
    }

    private static async Task InvokeAsync(IEndpointTarget target, string deployment, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await target.InvokeAsync(SampleRequest, deployment);
        }
    }
}
