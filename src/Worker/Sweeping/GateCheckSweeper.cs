using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Worker.Hosting;
using Worker.Scheduling;

namespace Worker.Sweeping;

/// <summary>
/// The node's one loop over <see cref="GateCheckTable"/> (ADR-007): each sweep writes back the outcomes of the checks
/// that finished and claims the checks that are due, in one short write transaction; the claimed checks run at once,
/// concurrently up to <see cref="WorkerOptions.GateCheckConcurrency"/>, each through <see cref="IGateChecker"/>. Between
/// sweeps it sleeps until the next due time on the injected clock, for at most
/// <see cref="WorkerOptions.GateCheckPollInterval"/>, and wakes at once when a check ends or this process schedules an
/// earlier one. Started and stopped with the Quartz scheduler (<see cref="SweeperSchedulerListener"/>).
/// </summary>
internal sealed partial class GateCheckSweeper(
    GateCheckTable table,
    IGateChecker checker,
    TimeProvider clock,
    IOptionsMonitor<WorkerOptions> options,
    ILogger<GateCheckSweeper> logger) : IAsyncDisposable
{
    private readonly ConcurrentQueue<GateCheckOutcome> _outcomes = new();
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _signal = NewSignal();
    private long _plannedWakeTicks = long.MaxValue;
    private CancellationTokenSource? _stopSweeping;
    private CancellationTokenSource? _stopChecks;
    private Task? _loop;

    /// <summary>This node's name on its claims: unique per process, so a restarted node never mistakes an old claim for its own.</summary>
    public string Owner { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    /// <summary>Checks running now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Starts the loop (again after a stop). On a SQLite file, which serves one node, claims a previous run left are freed first.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_loop is not null)
            {
                return;
            }

            _stopSweeping = new CancellationTokenSource();
            _stopChecks = new CancellationTokenSource();
            _loop = Task.CompletedTask;
        }

        // Before the first sweep, so that nothing this process claims is mistaken for a leftover.
        await FreeLeftClaimsAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var stopSweeping = _stopSweeping.Token;
            var stopChecks = _stopChecks.Token;
            _loop = Task.Run(() => RunAsync(stopSweeping, stopChecks), CancellationToken.None);
        }

        Log.Started(logger, Owner, options.CurrentValue.GateCheckConcurrency);
    }

    /// <summary>
    /// Stops claiming, waits for the running checks and writes their outcomes back. With <paramref name="cancelChecks"/>
    /// the running checks' token is signalled first (shutdown); a check cut short is due again at once.
    /// </summary>
    public async Task StopAsync(bool cancelChecks, CancellationToken cancellationToken = default)
    {
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
        }

        if (loop is null)
        {
            return;
        }

        if (cancelChecks)
        {
            await _stopChecks!.CancelAsync().ConfigureAwait(false);
        }

        await _stopSweeping!.CancelAsync().ConfigureAwait(false);
        Wake();
        await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _stopSweeping.Dispose();
            _stopChecks!.Dispose();
            _stopSweeping = null;
            _stopChecks = null;
            _loop = null;
        }

        Log.Stopped(logger, Owner);
    }

    /// <summary>Tells the loop that a check was scheduled at <paramref name="at"/>; it wakes when that is before its planned wake-up.</summary>
    public void Notify(DateTimeOffset at)
    {
        if (at.UtcTicks < Volatile.Read(ref _plannedWakeTicks))
        {
            Wake();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(cancelChecks: true).ConfigureAwait(false);

    private async Task RunAsync(CancellationToken stopSweeping, CancellationToken stopChecks)
    {
        var pending = new List<GateCheckOutcome>();
        while (!stopSweeping.IsCancellationRequested)
        {
            // From here until the wait, any schedule or finished check wakes the next round.
            Volatile.Write(ref _plannedWakeTicks, long.MaxValue);
            Volatile.Write(ref _signal, NewSignal());
            var settings = options.CurrentValue;
            DateTimeOffset? wakeAt;
            try
            {
                wakeAt = await SweepAsync(settings, pending, stopChecks, stopSweeping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopSweeping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                // The database is unreachable or busy past its timeout: keep the outcomes, try again after a pause.
                Log.SweepFailed(logger, error, pending.Count);
                wakeAt = clock.GetUtcNow() + settings.GateCheckPollInterval;
            }

            if (wakeAt is { } at)
            {
                Volatile.Write(ref _plannedWakeTicks, at.UtcTicks);
                await WaitUntilAsync(at, stopSweeping).ConfigureAwait(false);
            }
        }

        await DrainAsync(pending).ConfigureAwait(false);
    }

    private async Task FreeLeftClaimsAsync(CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Clustered)
        {
            // Other nodes' claims are theirs until they expire.
            return;
        }

        try
        {
            var freed = await table.ReleaseClaimsAsync(owner: null, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (freed > 0)
            {
                Log.ClaimsFreed(logger, freed);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Not fatal: the claims come back when their lease expires.
            Log.SweepFailed(logger, error, 0);
        }
    }

    /// <summary>One round; answers when to sweep next (null: at once, more is due).</summary>
    private async Task<DateTimeOffset?> SweepAsync(WorkerOptions settings, List<GateCheckOutcome> pending, CancellationToken stopChecks, CancellationToken stopSweeping)
    {
        while (_outcomes.TryDequeue(out var outcome))
        {
            pending.Add(outcome);
        }

        var free = settings.GateCheckConcurrency - Running;
        var limit = Math.Clamp(free, 0, settings.GateCheckBatchSize);
        var now = clock.GetUtcNow();
        var result = await table.SweepAsync(pending, Owner, now, now + settings.GateCheckLease, limit, stopSweeping).ConfigureAwait(false);
        pending.Clear();
        foreach (var rolloutId in result.Lost)
        {
            Log.UnscheduledWhileRunning(logger, rolloutId);
        }

        foreach (var claim in result.Claimed)
        {
            Start(claim, settings, stopChecks);
        }

        if (limit > 0 && result.Claimed.Count == limit)
        {
            // The batch was full: more may be due now.
            return null;
        }

        // The poll bounds the sleep (a cluster's other nodes schedule checks this loop is not told of); every slot
        // busy or nothing scheduled: a finishing check or a new schedule wakes the loop before that.
        var poll = clock.GetUtcNow() + settings.GateCheckPollInterval;
        return free - result.Claimed.Count <= 0 || result.NextDueAt is not { } next || next > poll ? poll : next;
    }

    private void Start(GateCheckClaim claim, WorkerOptions settings, CancellationToken stopChecks)
    {
        lock (_gate)
        {
            // A rollout unscheduled and scheduled again while its check ran can be claimed again: never run it beside itself.
            var previous = _running.GetValueOrDefault(claim.RolloutId) ?? Task.CompletedTask;
            Task? run = null;
            run = Task.Run(() => RunCheckAsync(claim, previous, settings, () => run!, stopChecks), CancellationToken.None);
            _running[claim.RolloutId] = run;
        }
    }

    private async Task RunCheckAsync(GateCheckClaim claim, Task previous, WorkerOptions settings, Func<Task> self, CancellationToken stopChecks)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        GateCheckOutcome outcome;
        try
        {
            var next = await checker.CheckAsync(claim.RolloutId, stopChecks).ConfigureAwait(false);
            outcome = new GateCheckOutcome(claim.RolloutId, next, 0);
        }
        catch (OperationCanceledException) when (stopChecks.IsCancellationRequested)
        {
            // Cut short by shutdown: due again at once, on the next start.
            outcome = new GateCheckOutcome(claim.RolloutId, clock.GetUtcNow(), claim.Attempt);
        }
        catch (Exception error)
        {
            var attempt = claim.Attempt + 1;
            var retryAt = clock.GetUtcNow() + RetryDelay.For(settings, attempt);
            Log.CheckFailed(logger, error, claim.RolloutId, attempt, retryAt);
            outcome = new GateCheckOutcome(claim.RolloutId, retryAt, attempt);
        }

        _outcomes.Enqueue(outcome);
        lock (_gate)
        {
            if (_running.TryGetValue(claim.RolloutId, out var current) && current == self())
            {
                _running.Remove(claim.RolloutId);
            }
        }

        Wake();
    }

    /// <summary>After the loop stopped: waits for the running checks and writes back every outcome.</summary>
    private async Task DrainAsync(List<GateCheckOutcome> pending)
    {
        Task[] running;
        lock (_gate)
        {
            running = [.. _running.Values];
        }

        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_outcomes.TryDequeue(out var outcome))
        {
            pending.Add(outcome);
        }

        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            var now = clock.GetUtcNow();
            await table.SweepAsync(pending, Owner, now, now, limit: 0, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // The claims expire after the lease (or are freed on the next start of a single node): nothing is lost.
            Log.SweepFailed(logger, error, pending.Count);
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset wakeAt, CancellationToken stopSweeping)
    {
        var sleep = wakeAt - clock.GetUtcNow();
        if (sleep <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stopSweeping);
        var delay = Task.Delay(sleep, clock, timer.Token);
        if (clock.GetUtcNow() >= wakeAt)
        {
            // The clock passed the wake-up while the timer was being set (a test clock jumps): go now.
            await timer.CancelAsync().ConfigureAwait(false);
            await delay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        await Task.WhenAny(delay, Volatile.Read(ref _signal).Task).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        await delay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Wake() => Volatile.Read(ref _signal).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
