using Tests.Common;

namespace Orchestrator.Metrics.Local.Tests;

public sealed class RequestMeasurementsTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public void Query_WindowOfSeconds_CountsOnlyTheSecondsItOverlaps()
    {
        var measurements = new RequestMeasurements(_clock, TimeSpan.FromMinutes(15));
        var start = _clock.GetUtcNow();
        measurements.Record("blue", TrafficKind.Live, 200, 200, TimeSpan.FromMilliseconds(10));
        _clock.Advance(TimeSpan.FromSeconds(10));
        measurements.Record("blue", TrafficKind.Live, 200, 200, TimeSpan.FromMilliseconds(10));

        Assert.Equal(1, measurements.Query("blue", start, start.AddSeconds(1)).Requests);
        Assert.Equal(1, measurements.Query("blue", start.AddSeconds(5), start.AddSeconds(10.5)).Requests);
        Assert.Equal(2, measurements.Query("blue", start, start.AddSeconds(11)).Requests);
        Assert.Equal(0, measurements.Query("blue", start.AddSeconds(1), start.AddSeconds(10)).Requests);
    }

    [Fact]
    public void Query_OlderThanTheRetention_IsForgotten()
    {
        var measurements = new RequestMeasurements(_clock, TimeSpan.FromMinutes(15));
        var start = _clock.GetUtcNow();
        measurements.Record("blue", TrafficKind.Live, 200, 200, TimeSpan.FromMilliseconds(10));
        _clock.Advance(TimeSpan.FromMinutes(14));
        measurements.Record("blue", TrafficKind.Live, 200, 200, TimeSpan.FromMilliseconds(10));
        var within = measurements.Query("blue", start, _clock.GetUtcNow().AddSeconds(1)).Requests;

        _clock.Advance(TimeSpan.FromMinutes(2));
        measurements.Record("blue", TrafficKind.Live, 200, 200, TimeSpan.FromMilliseconds(10));

        Assert.Equal(2, within);
        Assert.Equal(2, measurements.Query("blue", start, _clock.GetUtcNow().AddSeconds(1)).Requests);
        Assert.Equal(0, measurements.Query("blue", start, start.AddSeconds(1)).Requests);
    }

    [Fact]
    public void Query_ByKind_KeepsLivePinnedAndMirroredApart()
    {
        var measurements = new RequestMeasurements(_clock, TimeSpan.FromMinutes(15));
        var start = _clock.GetUtcNow();
        measurements.Record("green", TrafficKind.Live, 200, 200, TimeSpan.FromMilliseconds(1));
        measurements.Record("green", TrafficKind.Pinned, 200, 200, TimeSpan.FromMilliseconds(1));
        measurements.Record("green", TrafficKind.Mirrored, 200, 200, TimeSpan.FromMilliseconds(1));
        measurements.Record("GREEN", TrafficKind.Mirrored, 200, 200, TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, measurements.Query("green", start, start.AddSeconds(1), new HashSet<TrafficKind> { TrafficKind.Mirrored }).Requests);
        Assert.Equal(1, measurements.Query("Green", start, start.AddSeconds(1), new HashSet<TrafficKind> { TrafficKind.Live }).Requests);
        Assert.Equal(4, measurements.Query("green", start, start.AddSeconds(1)).Requests);
        Assert.Equal(0, measurements.Query("blue", start, start.AddSeconds(1)).Requests);
    }

    [Theory]
    [InlineData(424, 500, 0, 1)]
    [InlineData(424, 404, 1, 0)]
    [InlineData(408, 0, 1, 0)]
    [InlineData(503, 0, 0, 1)]
    [InlineData(200, 200, 0, 0)]
    public void Record_Errors_AreClassedByTheDeploymentsOwnStatus(int status, int modelStatus, long clientErrors, long serverErrors)
    {
        var measurements = new RequestMeasurements(_clock, TimeSpan.FromMinutes(15));
        var start = _clock.GetUtcNow();

        measurements.Record("blue", TrafficKind.Live, status, modelStatus, TimeSpan.FromMilliseconds(3));

        var window = measurements.Query("blue", start, start.AddSeconds(1));
        Assert.Equal((1, clientErrors, serverErrors), (window.Requests, window.ClientErrors, window.ServerErrors));
    }

    [Fact]
    public void WritePrometheus_AfterRequests_WritesCountersAndCumulativeBuckets()
    {
        var measurements = new RequestMeasurements(_clock, TimeSpan.FromMinutes(15));
        measurements.Record("blue", TrafficKind.Live, 200, 200, TimeSpan.FromMilliseconds(3));
        measurements.Record("blue", TrafficKind.Live, 424, 500, TimeSpan.FromMilliseconds(30));
        using var text = new StringWriter();

        measurements.WritePrometheus(text, "my\"endpoint");

        var output = text.ToString();
        const string Labels = "endpoint=\"my\\\"endpoint\",deployment=\"blue\",traffic=\"live\"";
        Assert.Contains($"local_endpoint_requests_total{{{Labels},status_code=\"424\",status_class=\"4xx\",model_status_code=\"500\"}} 1\n", output, StringComparison.Ordinal);
        Assert.Contains($"local_endpoint_request_duration_milliseconds_bucket{{{Labels},le=\"5\"}} 1\n", output, StringComparison.Ordinal);
        Assert.Contains($"local_endpoint_request_duration_milliseconds_bucket{{{Labels},le=\"50\"}} 2\n", output, StringComparison.Ordinal);
        Assert.Contains($"local_endpoint_request_duration_milliseconds_count{{{Labels}}} 2\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("traffic=\"mirrored\"", output, StringComparison.Ordinal);
    }
}
