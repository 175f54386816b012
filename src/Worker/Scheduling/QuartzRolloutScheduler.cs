using Microsoft.Extensions.Logging;
using Quartz;

namespace Worker.Scheduling;

/// <summary><see cref="IRolloutScheduler"/> over the Quartz scheduler of this process (whose store may be shared with a cluster).</summary>
internal sealed partial class QuartzRolloutScheduler(ISchedulerFactory factory, ILogger<QuartzRolloutScheduler> logger) : IRolloutScheduler
{
    public Task ScheduleTickAsync(string rolloutId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ScheduleAsync(RolloutJobKind.Tick, rolloutId, at, cancellationToken);

    public async Task TriggerTickNowAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        await ScheduleAsync(RolloutJobKind.Tick, rolloutId, scheduler.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    public Task ScheduleGateChecksAsync(string rolloutId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ScheduleAsync(RolloutJobKind.GateCheck, rolloutId, at, cancellationToken);

    public async Task UnscheduleAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rolloutId);
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        JobKey[] keys = [RolloutTriggers.JobKey(RolloutJobKind.Tick, rolloutId), RolloutTriggers.JobKey(RolloutJobKind.GateCheck, rolloutId)];
        await scheduler.DeleteJobs(keys, cancellationToken).ConfigureAwait(false);
        Log.Unscheduled(logger, rolloutId);
    }

    public async Task<RolloutSchedule> GetScheduleAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rolloutId);
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        var tick = await scheduler.GetTrigger(RolloutTriggers.TriggerKey(RolloutJobKind.Tick, rolloutId), cancellationToken).ConfigureAwait(false);
        var gates = await scheduler.GetTrigger(RolloutTriggers.TriggerKey(RolloutJobKind.GateCheck, rolloutId), cancellationToken).ConfigureAwait(false);
        return new RolloutSchedule(tick?.NextFireTimeUtc, gates?.NextFireTimeUtc);
    }

    private async Task ScheduleAsync(RolloutJobKind kind, string rolloutId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rolloutId);
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        var stored = await RolloutTriggers.ScheduleAsync(scheduler, kind, rolloutId, at, cancellationToken).ConfigureAwait(false);
        Log.Scheduled(logger, kind, rolloutId, at, stored.NextFireTimeUtc);
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
