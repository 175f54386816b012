using Policies.Gates;

namespace Policies.Loading;

/// <summary>The metric names policies are written in, e.g. <c>latency_p99_ms</c>.</summary>
public static class GateMetricNames
{
    private static readonly KeyValuePair<string, GateMetric>[] Names =
    [
        new("latency_p50_ms", GateMetric.LatencyP50Ms),
        new("latency_p95_ms", GateMetric.LatencyP95Ms),
        new("latency_p99_ms", GateMetric.LatencyP99Ms),
        new("error_rate_5xx", GateMetric.ErrorRate5xx),
        new("error_rate_4xx", GateMetric.ErrorRate4xx),
        new("request_rate", GateMetric.RequestRate),
    ];

    /// <summary>Every name, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Key)];

    /// <summary>The metric a name stands for; names are exact (lower case).</summary>
    public static bool TryParse(string name, out GateMetric metric)
    {
        foreach (var (key, value) in Names)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                metric = value;
                return true;
            }
        }

        metric = default;
        return false;
    }

    /// <summary>The name of a metric as policies write it.</summary>
    public static string NameOf(GateMetric metric) =>
        Names.FirstOrDefault(n => n.Value == metric).Key ?? throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric");

    /// <summary>True for metrics measured in percent (0..100), where an absolute bound above 100 is meaningless.</summary>
    public static bool IsPercent(GateMetric metric) => metric is GateMetric.ErrorRate5xx or GateMetric.ErrorRate4xx;
}
