using System.Globalization;
using Orchestrator.Benchmarks.Probes;
using Orchestrator.Benchmarks.Reporting;

namespace Orchestrator.Benchmarks.Reaction;

/// <summary>The rollback-reaction results: the spans' distributions (ms) and the store's share.</summary>
internal sealed record RollbackReactionResult(
    MachineReport Machine,
    int Rollbacks,
    int RequestsPerSecond,
    IReadOnlyDictionary<string, Distribution> Spans,
    IReadOnlyList<MethodTime> StoreCalls,
    long RequestsSent,
    long RequestsFailed,
    string LoadAverageAfter)
{
    /// <summary>The goal for the headline span's p99, in ms.</summary>
    public const double GoalP99Ms = 20;

    /// <summary>Prints the table and the verdict against the goal.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(Distribution.Header("ms"));
        foreach (var (name, distribution) in Spans)
        {
            output.WriteLine(distribution.Row(name));
        }

        output.WriteLine();
        output.WriteLine("store calls (all rollbacks, warm-up included):");
        foreach (var call in StoreCalls)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {call.Method,-24} {call.Calls,7} calls, mean {call.MeanMs,7:0.000} ms"));
        }

        var headline = Spans["checkStartToBlueApplied"];
        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"gate check start → blue=100 applied: p50 {headline.P50:0.00} ms, p99 {headline.P99:0.00} ms (goal p99 ≤ {GoalP99Ms} ms: {(headline.P99 <= GoalP99Ms ? "met" : "NOT met")})"));
        output.WriteLine($"traffic: {RequestsSent} requests sent, {RequestsFailed} failed; load average after {LoadAverageAfter}");
    }
}
