using System.Collections.Concurrent;
using System.Diagnostics;
using Worker;

namespace Orchestrator.Benchmarks.Scale;

/// <summary>
/// Sits between the worker (the Quartz tick job, the gate-check sweeper) and the service's handlers. A gate check's
/// lag is when it actually started minus when it was due: the time the rollout's previous check asked for (what the
/// sweeper wrote back as its due time). So lag covers the sweeper (writing the time back, sleeping to it, claiming
/// the row, a free slot) up to the first line of our check.
/// </summary>
internal sealed class LagProbe(IRolloutTicker ticker, IGateChecker checker, TimeProvider clock) : IRolloutTicker, IGateChecker
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private List<(double LagMs, double CheckMs)> _window = [];
    private bool _recording;
    private long _checks;
    private long _ticks;
    private long _errors;
    private long _inFlight;

    /// <summary>Gate checks run since start.</summary>
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>Ticks run since start.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Checks and ticks whose handler threw (the worker retries them).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Ticks and checks running now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Starts collecting lag samples.</summary>
    public void BeginWindow()
    {
        lock (_gate)
        {
            _window = [];
            _recording = true;
        }
    }

    /// <summary>Stops collecting; returns (lag ms, check duration ms) of every check that started in the window.</summary>
    public IReadOnlyList<(double LagMs, double CheckMs)> EndWindow()
    {
        lock (_gate)
        {
            _recording = false;
            return _window;
        }
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> TickAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _ticks);
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await ticker.TickAsync(rolloutId, cancellationToken);
        }
        catch
        {
            Interlocked.Increment(ref _errors);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> CheckAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        var startedAt = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        DateTimeOffset? next;
        Interlocked.Increment(ref _inFlight);
        try
        {
            next = await checker.CheckAsync(rolloutId, cancellationToken);
        }
        catch
        {
            Interlocked.Increment(ref _errors);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        Interlocked.Increment(ref _checks);
        if (_due.TryGetValue(rolloutId, out var due))
        {
            var sample = ((startedAt - due).TotalMilliseconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            lock (_gate)
            {
                if (_recording)
                {
                    _window.Add(sample);
                }
            }
        }

        if (next is { } at)
        {
            _due[rolloutId] = at;
        }
        else
        {
            _due.TryRemove(rolloutId, out _);
        }

        return next;
    }
}
