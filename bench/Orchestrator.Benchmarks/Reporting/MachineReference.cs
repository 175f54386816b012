using System.Diagnostics;
using System.Security.Cryptography;

namespace Orchestrator.Benchmarks.Reporting;

/// <summary>
/// Yardsticks timed in the same run as a benchmark, so its numbers can be read against the machine: a fixed unit
/// of CPU work (about 1 ms at its best here; its p99/p50 shows how much the shared machine's load stretches any
/// short span) and the fsync of a small file in the node's data folder (what one durable local-host update pays).
/// </summary>
internal sealed class MachineReference
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly string _file;
    private readonly List<double> _cpuMs = [];
    private readonly List<double> _fsyncMs = [];
    private int _rounds = 1;

    public MachineReference(string folder)
    {
        _file = Path.Combine(folder, "fsync-reference.bin");
        Random.Shared.NextBytes(_buffer);
    }

    /// <summary>The CPU unit's wall times (ms).</summary>
    public Distribution Cpu => Distribution.Of(_cpuMs);

    /// <summary>The fsync wall times (ms).</summary>
    public Distribution Fsync => Distribution.Of(_fsyncMs);

    /// <summary>Sizes the CPU unit to about 1 ms at its fastest (best of a few tries, since the machine is shared).</summary>
    public void Calibrate()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var best = Enumerable.Range(0, 20).Min(_ => TimeCpuUnit());
            if (best >= 0.5)
            {
                _rounds = Math.Max(1, (int)(_rounds / best));
                return;
            }

            _rounds *= 4;
        }
    }

    /// <summary>Times one CPU unit and one fsync.</summary>
    public void Sample()
    {
        _cpuMs.Add(TimeCpuUnit());
        var start = Stopwatch.GetTimestamp();
        using (var stream = new FileStream(_file, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            stream.Write(_buffer, 0, 1024);
            stream.Flush(flushToDisk: true);
        }

        _fsyncMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private double TimeCpuUnit()
    {
        var start = Stopwatch.GetTimestamp();
        Span<byte> hash = stackalloc byte[32];
        for (var i = 0; i < _rounds; i++)
        {
            SHA256.HashData(_buffer, hash);
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
