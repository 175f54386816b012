using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Orchestrator.Benchmarks.Reporting;

/// <summary>What the numbers were measured on: cores, memory, runtime, GC mode, and the machine's load (it is shared).</summary>
internal sealed record MachineReport(int Cores, double MemoryGiB, string Os, string Runtime, bool ServerGc, string LoadAverage)
{
    /// <summary>The machine now.</summary>
    public static MachineReport Now() => new(
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        LoadAverageNow());

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverageNow()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }

    /// <summary>Prints the report.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"machine: {Cores} cores, {MemoryGiB:0.0} GiB, {Os}; {Runtime}, {(ServerGc ? "server" : "workstation")} GC; load average {LoadAverage}; pid {Environment.ProcessId}"));
        output.WriteLine($"started: {TimeProvider.System.GetUtcNow():u}");
    }
}
