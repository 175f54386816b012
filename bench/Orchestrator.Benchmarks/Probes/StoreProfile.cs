using System.Collections.Concurrent;
using System.Diagnostics;

namespace Orchestrator.Benchmarks.Probes;

/// <summary>Calls and time spent per store method (a cheap profile: where a gate check's time goes).</summary>
internal sealed class StoreProfile
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>Adds one call of <paramref name="method"/> that started at <paramref name="startedAt"/> (a Stopwatch timestamp).</summary>
    public void Add(string method, long startedAt)
    {
        var counter = _counters.GetOrAdd(method, static _ => new Counter());
        Interlocked.Increment(ref counter.Calls);
        Interlocked.Add(ref counter.Ticks, Stopwatch.GetTimestamp() - startedAt);
    }

    /// <summary>Calls and total milliseconds per method since the last reset, and resets.</summary>
    public IReadOnlyList<MethodTime> TakeSnapshot()
    {
        var snapshot = new List<MethodTime>();
        foreach (var (method, counter) in _counters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var calls = Interlocked.Exchange(ref counter.Calls, 0);
            var ticks = Interlocked.Exchange(ref counter.Ticks, 0);
            if (calls > 0)
            {
                snapshot.Add(new MethodTime(method, calls, ticks * 1000.0 / Stopwatch.Frequency));
            }
        }

        return snapshot;
    }

    private sealed class Counter
    {
        // Fields, not properties: Interlocked needs them by reference.
        public long Calls;
        public long Ticks;
    }
}

/// <summary>One store method's calls and total time in a window.</summary>
internal sealed record MethodTime(string Method, long Calls, double TotalMs)
{
    /// <summary>Mean milliseconds per call.</summary>
    public double MeanMs => Calls == 0 ? 0 : TotalMs / Calls;
}
