namespace Worker;

/// <summary>
/// The service's handle on the scheduling engine: one tick job and one gate-check job per rollout. When two
/// callers ask for different times, the earlier one wins: running a job early is harmless (it recomputes from
/// stored state and says when to run next), running it late is not.
/// </summary>
public interface IRolloutScheduler
{
    /// <summary>Makes sure the rollout is ticked no later than <paramref name="at"/>.</summary>
    Task ScheduleTickAsync(string rolloutId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Ticks the rollout as soon as a thread is free (after a tick already running, never beside it).</summary>
    Task TriggerTickNowAsync(string rolloutId, CancellationToken cancellationToken = default);

    /// <summary>Makes sure the rollout's gates are checked no later than <paramref name="at"/>.</summary>
    Task ScheduleGateChecksAsync(string rolloutId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Removes every job and trigger of the rollout (it ended, or was deleted). A job running now finishes but does not reschedule.</summary>
    Task UnscheduleAsync(string rolloutId, CancellationToken cancellationToken = default);

    /// <summary>When the rollout's tick and gate check fire next (null when not scheduled), for status pages and tests.</summary>
    Task<RolloutSchedule> GetScheduleAsync(string rolloutId, CancellationToken cancellationToken = default);
}
