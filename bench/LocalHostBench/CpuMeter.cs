using System.Diagnostics;

namespace LocalHostBench;

/// <summary>CPU time (user + system) of this process and of the scoring process, and this process's allocations, over a set of load runs, per request.</summary>
internal sealed class CpuMeter(Process scoring)
{
    private TimeSpan _own;
    private TimeSpan _scoring;
    private long _requests;
    private long _allocated;

    /// <summary>This process's CPU per request, µs.</summary>
    public double OwnPerRequestUs => _own.TotalMicroseconds / Math.Max(1, _requests);

    /// <summary>The scoring process's CPU per request, µs.</summary>
    public double ScoringPerRequestUs => _scoring.TotalMicroseconds / Math.Max(1, _requests);

    /// <summary>Bytes this process allocated per request (load generator, plus the host in host runs).</summary>
    public double OwnAllocatedPerRequest => (double)_allocated / Math.Max(1, _requests);

    /// <summary>Both, µs.</summary>
    public double TotalPerRequestUs => OwnPerRequestUs + ScoringPerRequestUs;

    /// <summary>Runs one load run and adds its CPU time and request count.</summary>
    public async Task<(double[] Latencies, double Throughput, int Failures)> MeasureAsync(Func<Task<(double[] Latencies, double Throughput, int Failures)>> run)
    {
        using var self = Process.GetCurrentProcess();
        scoring.Refresh();
        var (ownBefore, scoringBefore) = (self.TotalProcessorTime, scoring.TotalProcessorTime);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var result = await run().ConfigureAwait(false);
        self.Refresh();
        scoring.Refresh();
        _allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        _own += self.TotalProcessorTime - ownBefore;
        _scoring += scoring.TotalProcessorTime - scoringBefore;
        _requests += result.Latencies.Length;
        return result;
    }
}
