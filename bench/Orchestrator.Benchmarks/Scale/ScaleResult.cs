using System.Globalization;
using Orchestrator.Benchmarks.Reporting;

namespace Orchestrator.Benchmarks.Scale;

/// <summary>The scale ramp: every step, where it bent, and memory per rollout.</summary>
internal sealed record ScaleResult(
    MachineReport Machine,
    int? WorkerThreads,
    double WindowSeconds,
    MemorySnapshot Idle,
    IReadOnlyList<ScaleStep> Steps,
    double FakeTargetsMiB,
    string LoadAverageAfter)
{
    /// <summary>The memory goal at 10,000 rollouts, in MiB.</summary>
    public const double MemoryGoalMiB = 1024;

    /// <summary>The most rollouts at a step whose lag p99 held (0 when none did).</summary>
    public int MostHeld => Steps.Where(s => s.Holds).Select(s => s.Rollouts).DefaultIfEmpty().Max();

    /// <summary>Prints the summary under the step table.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"most rollouts with gate-check lag p99 ≤ {ScaleStep.LagGoalP99Ms / 1000:0} s: {MostHeld}");
        if (Steps.Count == 0)
        {
            return;
        }

        var last = Steps[^1];
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"at {last.Rollouts} rollouts: working set {last.Memory.WorkingSetMiB:0} MiB (after a full GC {last.Memory.WorkingSetAfterGcMiB:0} MiB; goal < {MemoryGoalMiB:0} MiB: {(last.Memory.WorkingSetMiB < MemoryGoalMiB ? "met" : "NOT met")}), live managed {last.Memory.LiveManagedMiB:0} MiB"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"per rollout (vs idle node): working set {PerRolloutKiB(last.Memory.WorkingSetAfterGcMiB - Idle.WorkingSetAfterGcMiB, last.Rollouts):0.0} KiB, live managed {PerRolloutKiB(last.Memory.LiveManagedMiB - Idle.LiveManagedMiB, last.Rollouts):0.0} KiB, of which the fake platform's endpoint state {PerRolloutKiB(FakeTargetsMiB, last.Rollouts):0.0} KiB"));
        output.WriteLine($"load average after {LoadAverageAfter}");
    }

    private static double PerRolloutKiB(double mib, int rollouts) => rollouts == 0 ? 0 : mib * 1024 / rollouts;
}
