using System.Globalization;

namespace Orchestrator.Benchmarks.Reporting;

/// <summary>Summary of a sample (milliseconds): nearest-rank percentiles, so p99 is a value that was observed.</summary>
internal sealed record Distribution(int Count, double Min, double P50, double P90, double P99, double Max, double Mean)
{
    /// <summary>Summarizes the values (an empty sample gives zeros).</summary>
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new(0, 0, 0, 0, 0, 0, 0);
        }

        return new(sorted.Length, sorted[0], Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1], sorted.Average());
    }

    /// <summary>One table row: name, then count, p50, p90, p99, max, mean.</summary>
    public string Row(string name) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-44} {Count,6} {P50,9:0.00} {P90,9:0.00} {P99,9:0.00} {Max,9:0.00} {Mean,9:0.00}");

    /// <summary>The header matching <see cref="Row"/>.</summary>
    public static string Header(string unit) =>
        $"{"span (" + unit + ")",-44} {"n",6} {"p50",9} {"p90",9} {"p99",9} {"max",9} {"mean",9}";

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
