using System.Globalization;

namespace Policies.Gates;

/// <summary>Names and units of <see cref="GateMetric"/>, so reasons read as the policy file does.</summary>
public static class GateMetricExtensions
{
    /// <summary>The metric's name in policy files, e.g. <c>latency_p99_ms</c>.</summary>
    public static string ToPolicyName(this GateMetric metric) => Loading.GateMetricNames.NameOf(metric);

    /// <summary>A value of the metric with its unit, e.g. <c>412 ms</c>, <c>1.5%</c>, <c>20 req/s</c>.</summary>
    public static string Format(this GateMetric metric, double value)
    {
        var number = FormatNumber(value);
        return metric switch
        {
            GateMetric.LatencyP50Ms or GateMetric.LatencyP95Ms or GateMetric.LatencyP99Ms => number + " ms",
            GateMetric.ErrorRate5xx or GateMetric.ErrorRate4xx => number + "%",
            GateMetric.RequestRate => number + " req/s",
            _ => number,
        };
    }

    /// <summary>A difference of two values of the metric: <c>5 ms</c>, <c>0.5 points</c>, <c>2 req/s</c>.</summary>
    public static string FormatDifference(this GateMetric metric, double difference) =>
        Loading.GateMetricNames.IsPercent(metric) ? FormatNumber(difference) + " points" : metric.Format(difference);

    /// <summary>A plain number: invariant culture, at most three decimals, so reasons stay short and stable.</summary>
    internal static string FormatNumber(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
