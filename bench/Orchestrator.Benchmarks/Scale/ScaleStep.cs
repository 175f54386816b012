using System.Globalization;
using Orchestrator.Benchmarks.Probes;
using Orchestrator.Benchmarks.Reporting;

namespace Orchestrator.Benchmarks.Scale;

/// <summary>One step of the ramp: N active rollouts, how they got there, and the steady state measured over the window.</summary>
internal sealed record ScaleStep(
    int Rollouts,
    double RampSeconds,
    double SubmitsPerSecond,
    double SettleSeconds,
    double WindowSeconds,
    Distribution LagMs,
    Distribution CheckMs,
    double ChecksPerSecond,
    long TicksInWindow,
    long HandlerErrors,
    double CpuPercentOfMachine,
    MemorySnapshot Memory,
    double DatabaseMiB,
    IReadOnlyDictionary<string, int> Phases,
    IReadOnlyList<MethodTime> StoreCalls)
{
    /// <summary>The lag p99 the node must stay under, in ms.</summary>
    public const double LagGoalP99Ms = 2000;

    /// <summary>True when the gate-check lag p99 met the goal.</summary>
    public bool Holds => LagMs.P99 <= LagGoalP99Ms;

    /// <summary>The header matching <see cref="Row"/>.</summary>
    public static string Header =>
        $"{"rollouts",8} {"ramp s",7} {"sub/s",6} {"checks/s",8} {"lag p50",8} {"lag p99",8} {"lag max",8} {"check p50",9} {"check p99",9} {"cpu %",6} {"WS MiB",7} {"heap MiB",8} {"live MiB",8} {"db MiB",7}  holds";

    /// <summary>One table row.</summary>
    public string Row => string.Create(
        CultureInfo.InvariantCulture,
        $"{Rollouts,8} {RampSeconds,7:0} {SubmitsPerSecond,6:0} {ChecksPerSecond,8:0.0} {LagMs.P50,8:0} {LagMs.P99,8:0} {LagMs.Max,8:0} {CheckMs.P50,9:0.0} {CheckMs.P99,9:0.0} {CpuPercentOfMachine,6:0} {Memory.WorkingSetMiB,7:0} {Memory.GcHeapMiB,8:0} {Memory.LiveManagedMiB,8:0} {DatabaseMiB,7:0}  {(Holds ? "yes" : "NO")}");

    /// <summary>Where a check's store time went in the window.</summary>
    public string StoreBreakdown(double checks) => string.Join(
        ", ",
        StoreCalls.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Method} {c.Calls / Math.Max(1, checks):0.0}×{c.MeanMs:0.00} ms")));
}
