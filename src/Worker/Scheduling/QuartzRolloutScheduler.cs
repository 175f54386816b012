using Microsoft.Extensions.Logging;
using Quartz;
using Worker.Sweeping;

namespace Worker.Scheduling;

/// <summary>
/// <see cref="IRolloutScheduler"/> of this node: ticks are Quartz triggers (whose store may be shared with a cluster),
/// gate checks are rows of the worker's gate-check table, run by the node's sweeper (ADR-007).
/// </summary>
internal sealed partial class QuartzRolloutScheduler(
    ISchedulerFactory factory,
    GateCheckTable gateChecks,
    GateCheckSweeper sweeper,
    ILogger<QuartzRolloutScheduler> logger) : IRolloutScheduler
{
    public Task ScheduleTickAsync(string rolloutId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ScheduleTickCoreAsync(rolloutId, at, cancellationToken);

    public async Task TriggerTickNowAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        await ScheduleTickCoreAsync(rolloutId, scheduler.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    public async Task ScheduleGateChecksAsync(string rolloutId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rolloutId);
        await gateChecks.ScheduleAsync(rolloutId, at, cancellationToken).ConfigureAwait(false);

        // The row is committed: a sweeper asleep past this time wakes and finds it.
        sweeper.Notify(at);
        Log.Scheduled(logger, RolloutJobKind.GateCheck, rolloutId, at, at);
    }

    public async Task UnscheduleAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rolloutId);
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.DeleteJob(RolloutTriggers.JobKey(rolloutId), cancellationToken).ConfigureAwait(false);
        await gateChecks.UnscheduleAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        Log.Unscheduled(logger, rolloutId);
    }

    public async Task<RolloutSchedule> GetScheduleAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rolloutId);
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        var tick = await scheduler.GetTrigger(RolloutTriggers.TriggerKey(rolloutId), cancellationToken).ConfigureAwait(false);
        var gates = await gateChecks.GetDueAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        return new RolloutSchedule(tick?.NextFireTimeUtc, gates);
    }

    private async Task ScheduleTickCoreAsync(string rolloutId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rolloutId);
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        var stored = await RolloutTriggers.ScheduleAsync(scheduler, rolloutId, at, cancellationToken).ConfigureAwait(false);
        Log.Scheduled(logger, RolloutJobKind.Tick, rolloutId, at, stored.NextFireTimeUtc);
    }

    private ValueTask<IScheduler> SchedulerAsync(CancellationToken cancellationToken) => factory.GetScheduler(cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(EventId = WorkerEventIds.Scheduled, Level = LogLevel.Debug, Message = "{JobKind} of rollout {RolloutId} asked for {RequestedAt:o}; fires at {NextRunAt:o}")]
        public static partial void Scheduled(ILogger logger, RolloutJobKind jobKind, string rolloutId, DateTimeOffset requestedAt, DateTimeOffset nextRunAt);

        [LoggerMessage(EventId = WorkerEventIds.Unscheduled, Level = LogLevel.Information, Message = "Every job of rollout {RolloutId} is unscheduled")]
        public static partial void Unscheduled(ILogger logger, string rolloutId);
    }
}
