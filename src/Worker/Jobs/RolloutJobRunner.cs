using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Worker.Hosting;
using Worker.Scheduling;

namespace Worker.Jobs;

/// <summary>
/// What the rollout tick job does around its handler: read the rollout id, call the handler, and reschedule the job's
/// own trigger at the time the handler returned (or let the job go when it returned null). A handler that throws
/// is logged and retried after a backoff that doubles per attempt, so an error never ends the schedule.
/// </summary>
internal sealed partial class RolloutJobRunner(IOptionsMonitor<WorkerOptions> options, ILogger<RolloutJobRunner> logger)
{
    public async ValueTask RunAsync(
        IJobExecutionContext context,
        RolloutJobKind kind,
        Func<string, CancellationToken, Task<DateTimeOffset?>> handler,
        CancellationToken cancellationToken = default)
    {
        if (!context.MergedJobDataMap.TryGetValue(RolloutTriggers.RolloutIdKey, out var value) || value is not string { Length: > 0 } rolloutId)
        {
            // Nothing to call and nobody to reschedule for; the store removes the job with its one-shot trigger.
            Log.MissingRolloutId(logger, context.JobDetail.Key.ToString());
            return;
        }

        var scheduler = context.Scheduler;
        var attempt = 0;
        DateTimeOffset? next;
        try
        {
            next = await handler(rolloutId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A cancelled shutdown is not a failure: rethrown, Quartz hands the firing back for recovery on the next start.
            attempt = RolloutTriggers.AttemptOf(context.Trigger) + 1;
            next = scheduler.TimeProvider.GetUtcNow() + RetryDelay.For(options.CurrentValue, attempt);
            Log.HandlerFailed(logger, error, kind, rolloutId, attempt, next.Value);
        }

        if (next is null)
        {
            // The job is not durable: the store deletes it together with the trigger that just fired, unless
            // someone scheduled it again meanwhile, in which case that newer trigger stands.
            Log.Finished(logger, kind, rolloutId);
            return;
        }

        var trigger = RolloutTriggers.Trigger(rolloutId, next.Value, scheduler.TimeProvider, attempt);
        try
        {
            var stored = await scheduler.ScheduleTrigger(trigger, TriggerConflict.KeepEarlier, cancellationToken).ConfigureAwait(false);
            Log.Rescheduled(logger, kind, rolloutId, stored.NextFireTimeUtc);
        }
        catch (JobPersistenceException)
        {
            if (await scheduler.Exists(context.JobDetail.Key, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            // Unscheduled while it ran: the rollout ended or was removed, so this run's answer is moot.
            Log.UnscheduledWhileRunning(logger, kind, rolloutId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = WorkerEventIds.Rescheduled, Level = LogLevel.Debug, Message = "{JobKind} of rollout {RolloutId} runs next at {NextRunAt:o}")]
        public static partial void Rescheduled(ILogger logger, RolloutJobKind jobKind, string rolloutId, DateTimeOffset nextRunAt);

        [LoggerMessage(EventId = WorkerEventIds.Finished, Level = LogLevel.Information, Message = "{JobKind} of rollout {RolloutId} is no longer needed; its job is removed")]
        public static partial void Finished(ILogger logger, RolloutJobKind jobKind, string rolloutId);

        [LoggerMessage(EventId = WorkerEventIds.HandlerFailed, Level = LogLevel.Error, Message = "{JobKind} of rollout {RolloutId} failed (attempt {Attempt}); retrying at {RetryAt:o}")]
        public static partial void HandlerFailed(ILogger logger, Exception error, RolloutJobKind jobKind, string rolloutId, int attempt, DateTimeOffset retryAt);

        [LoggerMessage(EventId = WorkerEventIds.MissingRolloutId, Level = LogLevel.Error, Message = "Job {JobKey} carries no rollout id; it is dropped")]
        public static partial void MissingRolloutId(ILogger logger, string jobKey);

        [LoggerMessage(EventId = WorkerEventIds.UnscheduledWhileRunning, Level = LogLevel.Information, Message = "{JobKind} of rollout {RolloutId} was unscheduled while it ran; not rescheduled")]
        public static partial void UnscheduledWhileRunning(ILogger logger, RolloutJobKind jobKind, string rolloutId);
    }
}
