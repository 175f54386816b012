using System.Globalization;
using Orchestrator.Benchmarks.Reporting;

namespace Orchestrator.Benchmarks.Reaction;

/// <summary>One fault: seconds from onset to each milestone (rounds are stamped by the gate check that recorded them).</summary>
internal sealed record FaultRun(
    int Run,
    double OnsetToBlueSeconds,
    double SetFaultsMs,
    double? OnsetToFirstFailedRoundSeconds,
    double? OnsetToDecidingRoundSeconds,
    double OnsetToRolledBackStoredSeconds,
    string Reason)
{
    /// <summary>Prints one line.</summary>
    public void Print(TextWriter output) => output.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"run {Run}: onset → blue=100 {OnsetToBlueSeconds:0.000} s (first failed round +{OnsetToFirstFailedRoundSeconds:0.000} s, deciding round +{OnsetToDecidingRoundSeconds:0.000} s, RolledBack stored +{OnsetToRolledBackStoredSeconds:0.000} s; faults set in {SetFaultsMs:0.0} ms)"));
}

/// <summary>All runs, their median, and the attempts that were not measured.</summary>
internal sealed record FaultToBlueResult(
    MachineReport Machine,
    int RequestsPerSecond,
    IReadOnlyList<FaultRun> Runs,
    IReadOnlyList<string> NotMeasured,
    long RequestsSent,
    long RequestsFailed,
    string LoadAverageAfter)
{
    /// <summary>The goal, in seconds.</summary>
    public const double GoalSeconds = 3;

    /// <summary>Median of onset → blue at 100%.</summary>
    public double MedianSeconds => Median(Runs.Select(r => r.OnsetToBlueSeconds));

    /// <summary>Median of onset → first failed round.</summary>
    public double MedianFirstFailedSeconds => Median(Runs.Select(r => r.OnsetToFirstFailedRoundSeconds ?? double.NaN));

    /// <summary>Prints the summary.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"onset → blue=100 over {Runs.Count} runs: {string.Join(", ", Runs.Select(r => r.OnsetToBlueSeconds.ToString("0.00", CultureInfo.InvariantCulture)))} s"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"median {MedianSeconds:0.000} s, max {Runs.DefaultIfEmpty().Max(r => r?.OnsetToBlueSeconds ?? 0):0.000} s (goal ≤ {GoalSeconds} s: {(Runs.Count > 0 && Runs.All(r => r.OnsetToBlueSeconds <= GoalSeconds) ? "met by every run" : MedianSeconds <= GoalSeconds ? "met by the median" : "NOT met")}); median onset → first failed round {MedianFirstFailedSeconds:0.000} s"));
        output.WriteLine($"not measured: {NotMeasured.Count}; traffic: {RequestsSent} requests sent, {RequestsFailed} failed or non-2xx; load average after {LoadAverageAfter}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
