using System.Collections.Concurrent;

namespace Worker.Tests.Support;

/// <summary>
/// A fake of both handler seams: each call runs the script with the rollout id and the call's number (1-based),
/// and is counted before and after, so tests can wait for calls and see overlap.
/// </summary>
public sealed class ScriptedHandler : IRolloutTicker, IGateChecker
{
    private readonly Func<string, int, Task<DateTimeOffset?>> _script;
    private readonly ConcurrentDictionary<string, int> _perRollout = new();
    private int _running;
    private int _maxRunning;

    public ScriptedHandler(Func<string, int, Task<DateTimeOffset?>> script)
    {
        _script = script;
    }

    /// <summary>A handler whose script answers at once.</summary>
    public static ScriptedHandler Of(Func<string, int, DateTimeOffset?> script) => new((id, n) => Task.FromResult(script(id, n)));

    /// <summary>Calls begun.</summary>
    public Counter Started { get; } = new();

    /// <summary>Calls ended, by returning or by throwing.</summary>
    public Counter Ended { get; } = new();

    /// <summary>The most calls that ran at the same time.</summary>
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public Task<DateTimeOffset?> TickAsync(string rolloutId, CancellationToken cancellationToken = default) => RunAsync(rolloutId);

    public Task<DateTimeOffset?> CheckAsync(string rolloutId, CancellationToken cancellationToken = default) => RunAsync(rolloutId);

    private async Task<DateTimeOffset?> RunAsync(string rolloutId)
    {
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        var call = _perRollout.AddOrUpdate(rolloutId, 1, (_, n) => n + 1);
        Started.Increment();
        try
        {
            return await _script(rolloutId, call);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Ended.Increment();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
