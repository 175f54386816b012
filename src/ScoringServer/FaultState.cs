namespace ScoringServer;

/// <summary>The faults in force right now (changeable at run time through the control route) and the request count they apply to.</summary>
internal sealed class FaultState(FaultSettings initial)
{
    private FaultSettings _current = initial;
    private long _requests;

    /// <summary>The faults in force.</summary>
    public FaultSettings Current => Volatile.Read(ref _current);

    /// <summary>Replaces the faults; the request count carries on (a crash-after counts every request served).</summary>
    public void Set(FaultSettings faults) => Volatile.Write(ref _current, faults);

    /// <summary>Counts one scoring request and returns its ordinal (1-based).</summary>
    public long CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>The latency to add to one request: normal around the mean, never below zero.</summary>
    public static TimeSpan SampleLatency(FaultSettings faults)
    {
        if (faults.LatencyMeanMs <= 0 && faults.LatencyStdDevMs <= 0)
        {
            return TimeSpan.Zero;
        }

        // Box-Muller: one standard normal from two uniforms; 1 - u keeps the logarithm finite.
        var u1 = 1.0 - Random.Shared.NextDouble();
        var u2 = Random.Shared.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return TimeSpan.FromMilliseconds(Math.Max(0, faults.LatencyMeanMs + (faults.LatencyStdDevMs * normal)));
    }
}
