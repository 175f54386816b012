using System.Globalization;
using Quartz;
using Worker.Jobs;

namespace Worker.Scheduling;

/// <summary>
/// Keys, job details and triggers of a rollout's tick job, and the one way they are written: a one-shot trigger,
/// stored with <see cref="TriggerConflict.KeepEarlier"/> so that of two schedules the earlier fire time stays. (Gate
/// checks are not Quartz jobs: the sweeper runs them, ADR-007.)
/// </summary>
internal static class RolloutTriggers
{
    /// <summary>Job data key of the rollout id (on the job).</summary>
    public const string RolloutIdKey = "rolloutId";

    /// <summary>Job data key of the retry attempt after a failure (on the trigger; absent on a normal run).</summary>
    public const string AttemptKey = "attempt";

    /// <summary>Each lost race against a finishing run costs one more round; more than a few means something else is wrong.</summary>
    private const int MaxScheduleAttempts = 3;

    /// <summary>The Quartz group of the tick jobs and triggers.</summary>
    public const string TickGroup = "rollout-tick";

    public static JobKey JobKey(string rolloutId) => new(rolloutId, TickGroup);

    public static TriggerKey TriggerKey(string rolloutId) => new(rolloutId, TickGroup);

    /// <summary>
    /// The job: not durable, so the store deletes it with its last trigger (a handler answering null needs no
    /// second write); and asking for recovery, so a firing cut short by a crash runs again on the next start.
    /// </summary>
    public static IJobDetail Job(string rolloutId) =>
        JobBuilder.Create()
            .OfType<AdvanceRolloutJob>()
            .WithIdentity(JobKey(rolloutId))
            .UsingJobData(RolloutIdKey, rolloutId)
            .DisallowConcurrentExecution()
            .RequestRecovery()
            .Build();

    /// <summary>A one-shot trigger; a time already past fires at once, and a misfire (the service was down) fires on start.</summary>
    public static ITrigger Trigger(string rolloutId, DateTimeOffset at, TimeProvider timeProvider, int attempt = 0)
    {
        var now = timeProvider.GetUtcNow();
        var builder = TriggerBuilder.Create(timeProvider)
            .WithIdentity(TriggerKey(rolloutId))
            .ForJob(JobKey(rolloutId))
            .StartAt(at < now ? now : at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow));
        if (attempt > 0)
        {
            builder = builder.UsingJobData(AttemptKey, attempt.ToString(CultureInfo.InvariantCulture));
        }

        return builder.Build();
    }

    /// <summary>Schedules the rollout's tick at <paramref name="at"/>, creating the job on first use; an earlier pending trigger is kept.</summary>
    public static async Task<ScheduleTriggerResult> ScheduleAsync(IScheduler scheduler, string rolloutId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var trigger = Trigger(rolloutId, at, scheduler.TimeProvider);
        var jobKey = JobKey(rolloutId);
        for (var attempt = 1; ; attempt++)
        {
            if (!await scheduler.Exists(jobKey, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var first = await scheduler.ScheduleJob(Job(rolloutId), trigger, default, cancellationToken).ConfigureAwait(false);
                    return new ScheduleTriggerResult(first, ScheduleOutcome.Created);
                }
                catch (ObjectAlreadyExistsException)
                {
                    // Another caller created the job between the check and the write: fall through and merge with it.
                }
            }

            try
            {
                return await scheduler.ScheduleTrigger(trigger, TriggerConflict.KeepEarlier, cancellationToken).ConfigureAwait(false);
            }
            catch (JobPersistenceException) when (attempt < MaxScheduleAttempts)
            {
                // The job is not durable: its last run may have finished between the check and the write, and the
                // store deleted it with its trigger (a command waking a rollout while its job answers "nothing
                // more"). Then create it again; any other persistence failure stands.
                if (await scheduler.Exists(jobKey, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }
    }

    /// <summary>The retry attempt a trigger carries (0 for a normal run).</summary>
    public static int AttemptOf(ITrigger trigger) =>
        trigger.JobDataMap.TryGetValue(AttemptKey, out var value)
            && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            ? attempt
            : 0;
}
