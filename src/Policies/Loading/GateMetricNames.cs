using Policies.Documents;
using Policies.Gates;

namespace Policies.Loading;

/// <summary>The metric names policies are written in, e.g. <c>latency_p99_ms</c>: those declared on <see cref="GateMetric"/>'s members.</summary>
public static class GateMetricNames
{
    // Declared once, on the enum, so that policies, JSON and stored rows cannot disagree.
    private static readonly KeyValuePair<string, GateMetric>[] Names =
        [.. Enum.GetValues<GateMetric>().Select(metric => new KeyValuePair<string, GateMetric>(NamedEnumConverter.NameOf(metric), metric))];

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

    /// <summary>
    /// The metric a stored name stands for: its policy name, or the C# member name (<c>LatencyP99Ms</c>) that stored
    /// plans, idempotent results and gate rows held before the names were unified, so old data still reads.
    /// </summary>
    public static bool TryParseStored(string name, out GateMetric metric)
    {
        if (TryParse(name, out metric))
        {
            return true;
        }

        // Only member names: Enum.TryParse alone would also take numbers ("2") and comma lists.
        foreach (var value in Enum.GetValues<GateMetric>())
        {
            if (string.Equals(value.ToString(), name, StringComparison.OrdinalIgnoreCase))
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
