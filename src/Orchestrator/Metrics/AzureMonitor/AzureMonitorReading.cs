using System.Diagnostics;
using Policies.Gates;

namespace Orchestrator.Metrics.AzureMonitor;

/// <summary>
/// Turns the per-minute series of an endpoint's metrics into one reading for one deployment over a window.
/// Samples are always the requests counted in the window (RequestsPerMinute); no request, no value.
/// </summary>
public static class AzureMonitorReading
{
    /// <summary>The request-count metric (Average over PT1M = requests in that minute).</summary>
    public const string RequestsPerMinute = "RequestsPerMinute";

    /// <summary>The Azure Monitor metric that carries a gate metric's value, or null when the request counts alone answer it.</summary>
    public static string? LatencyMetricOf(GateMetric metric) => metric switch
    {
        GateMetric.LatencyP50Ms => "RequestLatency_P50",
        GateMetric.LatencyP95Ms => "RequestLatency_P95",
        GateMetric.LatencyP99Ms => "RequestLatency_P99",
        GateMetric.ErrorRate5xx or GateMetric.ErrorRate4xx or GateMetric.RequestRate => null,
        _ => throw new UnreachableException($"Unknown gate metric {metric}"),
    };

    /// <summary>Computes the reading; <see cref="MetricReading.NoData"/> when the window holds no request.</summary>
    public static MetricReading Compute(GateMetric metric, IReadOnlyList<MetricSeries> series, MetricWindow window, string deployment)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(window);
        var mine = series.Where(s => s.Dimension("deployment") is not { } d || string.Equals(d, deployment, StringComparison.OrdinalIgnoreCase)).ToList();
        var counts = mine.Where(s => string.Equals(s.Metric, RequestsPerMinute, StringComparison.OrdinalIgnoreCase)).ToList();
        var perMinute = RequestsByMinute(counts, window);
        var total = (long)Math.Round(perMinute.Values.Sum());
        if (total <= 0)
        {
            return MetricReading.NoData;
        }

        if (metric is GateMetric.ErrorRate5xx or GateMetric.ErrorRate4xx
            && counts.Any(s => s.Points.Count > 0 && s.Dimension("statusCodeClass") is null && s.Dimension("statusCode") is null))
        {
            // Without the status split every request would look successful: say so rather than report 0%.
            return MetricReading.Unavailable($"{RequestsPerMinute} came back without a statusCodeClass or statusCode split");
        }

        return metric switch
        {
            GateMetric.RequestRate => MetricReading.Of(total / window.Length.TotalSeconds, total),
            GateMetric.ErrorRate5xx => MetricReading.Of(100.0 * CountOfClass(counts, window, '5') / total, total),
            GateMetric.ErrorRate4xx => MetricReading.Of(100.0 * CountOfClass(counts, window, '4') / total, total),
            _ => Latency(LatencyMetricOf(metric)!, mine, perMinute, total),
        };
    }

    /// <summary>
    /// Each minute's percentile weighted by that minute's requests: Azure Monitor only gives per-minute percentiles,
    /// and a busy minute says more about the window than a quiet one.
    /// </summary>
    private static MetricReading Latency(string name, List<MetricSeries> series, Dictionary<DateTimeOffset, double> perMinute, long total)
    {
        double weighted = 0, weight = 0;
        foreach (var latency in series.Where(s => string.Equals(s.Metric, name, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var (minute, value) in latency.Points)
            {
                if (perMinute.TryGetValue(minute, out var requests) && requests > 0)
                {
                    weighted += value * requests;
                    weight += requests;
                }
            }
        }

        return weight > 0 ? MetricReading.Of(weighted / weight, total) : MetricReading.NoData;
    }

    private static Dictionary<DateTimeOffset, double> RequestsByMinute(List<MetricSeries> counts, MetricWindow window)
    {
        var perMinute = new Dictionary<DateTimeOffset, double>();
        foreach (var (minute, value) in counts.SelectMany(s => s.Points).Where(p => window.Contains(p.Key)))
        {
            perMinute[minute] = perMinute.GetValueOrDefault(minute) + value;
        }

        return perMinute;
    }

    /// <summary>Requests of one status class, from <c>statusCodeClass</c> (<c>5xx</c>) or, failing that, <c>statusCode</c> (<c>503</c>).</summary>
    private static double CountOfClass(List<MetricSeries> counts, MetricWindow window, char statusClass) =>
        counts
            .Where(s => (s.Dimension("statusCodeClass") ?? s.Dimension("statusCode")) is { Length: > 0 } code && code[0] == statusClass)
            .SelectMany(s => s.Points)
            .Where(p => window.Contains(p.Key))
            .Sum(p => p.Value);
}
