using System.Text.Json.Nodes;
using Policies.Gates;

namespace Orchestrator.Metrics.AzureMonitor.Tests;

public sealed class AzureMonitorReadingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly MetricWindow Window = new(T0, T0.AddMinutes(5));

    [Fact]
    public void Compute_DimensionNamesInAnyCase_SplitsErrorsByClass()
    {
        var series = Parse(Requests("DeployMent", "green", "STATUSCODECLASS", "2xx", 6, 2), Requests("deployment", "green", "statusCodeClass", "5xx", 1, 1));

        var reading = AzureMonitorReading.Compute(GateMetric.ErrorRate5xx, series, Window, "green");

        Assert.Equal(20, reading.Value!.Value, 9);
        Assert.Equal(10, reading.Samples);
    }

    [Fact]
    public void Compute_OnlyStatusCodeDimension_DerivesTheClass()
    {
        var series = Parse(Requests("deployment", "green", "statusCode", "200", 3, 3), Requests("deployment", "green", "statusCode", "429", 2, 0));

        Assert.Equal(25, AzureMonitorReading.Compute(GateMetric.ErrorRate4xx, series, Window, "green").Value!.Value, 9);
        Assert.Equal(0, AzureMonitorReading.Compute(GateMetric.ErrorRate5xx, series, Window, "green").Value);
    }

    [Fact]
    public void Compute_ErrorRateWithoutAStatusSplit_IsUnavailableRatherThanZero()
    {
        var series = Parse(Requests("deployment", "green", null, null, 5, 5));

        var reading = AzureMonitorReading.Compute(GateMetric.ErrorRate5xx, series, Window, "green");

        Assert.True(reading.IsUnavailable);
    }

    [Fact]
    public void Compute_Latency_WeightsEachMinuteByItsRequests()
    {
        var latency = Series("RequestLatency_P95", "deployment", "green", null, null, 100, 400);
        var series = Parse(latency, Requests("deployment", "green", null, null, 1, 3));

        var reading = AzureMonitorReading.Compute(GateMetric.LatencyP95Ms, series, Window, "GREEN");

        Assert.Equal((100 * 1 + 400 * 3) / 4.0, reading.Value!.Value, 9);
        Assert.Equal(4, reading.Samples);
    }

    [Fact]
    public void Compute_OtherDeploymentsAndPointsOutsideTheWindow_AreIgnored()
    {
        var outside = new MetricWindow(T0.AddMinutes(1), T0.AddMinutes(5));
        var series = Parse(Requests("deployment", "green", null, null, 7, 2), Requests("deployment", "blue", null, null, 50, 50));

        var reading = AzureMonitorReading.Compute(GateMetric.RequestRate, series, outside, "green");

        Assert.Equal(2, reading.Samples);
        Assert.Equal(2 / 240.0, reading.Value!.Value, 9);
    }

    [Fact]
    public void Compute_NoRequests_IsNoData()
    {
        var series = Parse(Series("RequestLatency_P95", "deployment", "green", null, null, 120, 130));

        Assert.Equal(MetricReading.NoData, AzureMonitorReading.Compute(GateMetric.LatencyP95Ms, series, Window, "green"));
    }

    [Fact]
    public void Parse_MetricWithAnErrorCode_ReportsTheError()
    {
        var answer = JsonNode.Parse("""{"value":[{"name":{"value":"RequestsPerMinute"},"errorCode":"InvalidSamplingType","errorMessage":"Sampling type is not found.","timeseries":[]}]}""")!.AsObject();

        MetricSeries.Parse(answer, out var error);

        Assert.Contains("InvalidSamplingType", error, StringComparison.Ordinal);
    }

    private static List<MetricSeries> Parse(params JsonObject[] metrics) =>
        [.. MetricSeries.Parse(new JsonObject { ["value"] = new JsonArray(metrics) }, out _)];

    private static JsonObject Requests(string dimension, string value, string? statusDimension, string? status, double first, double second) =>
        Series(AzureMonitorReading.RequestsPerMinute, dimension, value, statusDimension, status, first, second);

    /// <summary>One metric with one series: minute 0 → <paramref name="first"/>, minute 1 → <paramref name="second"/>, minute 2 empty.</summary>
    private static JsonObject Series(string metric, string dimension, string value, string? statusDimension, string? status, double first, double second)
    {
        var metadata = new JsonArray { new JsonObject { ["name"] = new JsonObject { ["value"] = dimension }, ["value"] = value } };
        if (statusDimension is not null)
        {
            metadata.Add(new JsonObject { ["name"] = new JsonObject { ["value"] = statusDimension }, ["value"] = status });
        }

        var data = new JsonArray
        {
            new JsonObject { ["timeStamp"] = "2026-01-01T10:00:00Z", ["average"] = first },
            new JsonObject { ["timeStamp"] = "2026-01-01T10:01:00Z", ["average"] = second },
            new JsonObject { ["timeStamp"] = "2026-01-01T10:02:00Z" },
        };
        return new JsonObject
        {
            ["name"] = new JsonObject { ["value"] = metric },
            ["errorCode"] = "Success",
            ["timeseries"] = new JsonArray { new JsonObject { ["metadatavalues"] = metadata, ["data"] = data } },
        };
    }
}
