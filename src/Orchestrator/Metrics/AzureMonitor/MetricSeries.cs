using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Metrics.AzureMonitor;

/// <summary>One time series of a <c>Microsoft.Insights/metrics</c> answer: its dimension values and its data points.</summary>
/// <param name="Metric">The metric's name, e.g. <c>RequestsPerMinute</c>.</param>
/// <param name="Dimensions">Dimension values by name; names compare case-insensitively (the service lower-cases them).</param>
/// <param name="Points">Minute → value, for the points that carry one (a minute without samples carries none).</param>
public sealed record MetricSeries(string Metric, IReadOnlyDictionary<string, string> Dimensions, IReadOnlyDictionary<DateTimeOffset, double> Points)
{
    /// <summary>Reads every series of every metric; a metric whose <c>errorCode</c> is not Success becomes an error.</summary>
    public static IReadOnlyList<MetricSeries> Parse(JsonObject answer, out string? error)
    {
        ArgumentNullException.ThrowIfNull(answer);
        error = null;
        var series = new List<MetricSeries>();
        foreach (var metric in (answer["value"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = metric["name"]?["value"]?.GetValue<string>() ?? "";
            var code = metric["errorCode"]?.GetValue<string>();
            if (code is not null && !string.Equals(code, "Success", StringComparison.OrdinalIgnoreCase))
            {
                error = $"metric {name}: ({code}) {metric["errorMessage"]?.GetValue<string>()}";
                continue;
            }

            foreach (var item in (metric["timeseries"] as JsonArray ?? []).OfType<JsonObject>())
            {
                series.Add(new MetricSeries(name, ReadDimensions(item), ReadPoints(item)));
            }
        }

        return series;
    }

    /// <summary>A dimension's value, matching the name case-insensitively.</summary>
    public string? Dimension(string name) => Dimensions.TryGetValue(name, out var value) ? value : null;

    private static Dictionary<string, string> ReadDimensions(JsonObject item)
    {
        var dimensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in (item["metadatavalues"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (entry["name"]?["value"]?.GetValue<string>() is { } key)
            {
                dimensions[key] = entry["value"]?.GetValue<string>() ?? "";
            }
        }

        return dimensions;
    }

    private static Dictionary<DateTimeOffset, double> ReadPoints(JsonObject item)
    {
        var points = new Dictionary<DateTimeOffset, double>();
        foreach (var point in (item["data"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var value = point["average"] ?? point["total"] ?? point["count"];
            if (value is null || point["timeStamp"]?.GetValue<string>() is not { } stamp
                || !DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                continue;
            }

            points[at.ToUniversalTime()] = value.GetValue<double>();
        }

        return points;
    }
}
