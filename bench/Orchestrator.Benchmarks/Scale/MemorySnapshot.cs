using System.Diagnostics;

namespace Orchestrator.Benchmarks.Scale;

/// <summary>The process's memory: what the OS sees (working set, private bytes) and the managed heap (live after a full GC).</summary>
internal sealed record MemorySnapshot(double WorkingSetMiB, double PrivateMiB, double GcHeapMiB, double LiveManagedMiB, double WorkingSetAfterGcMiB)
{
    private const double MiB = 1024 * 1024;

    /// <summary>Reads the process now: first as it runs, then after a full blocking collection (which also gives the live heap).</summary>
    public static MemorySnapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        var workingSet = process.WorkingSet64 / MiB;
        var privateBytes = process.PrivateMemorySize64 / MiB;
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes / MiB;
        var live = GC.GetTotalMemory(forceFullCollection: true) / MiB;
        process.Refresh();
        return new(workingSet, privateBytes, heap, live, process.WorkingSet64 / MiB);
    }
}
