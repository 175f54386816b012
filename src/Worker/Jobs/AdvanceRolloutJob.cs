using Quartz;
using Worker.Scheduling;

namespace Worker.Jobs;

/// <summary>Ticks one rollout (its job key is the rollout id in group <c>rollout-tick</c>) and reschedules itself at the time the tick returns.</summary>
[DisallowConcurrentExecution]

// Handler errors are retried by the runner; only a failed reschedule (the store unreachable) escapes Execute, and
// then Quartz fires the job again rather than let the rollout drop out of the schedule.
[RetryPolicy(20, "00:00:02", 2, MaxDelay = "00:01:00")]
internal sealed class AdvanceRolloutJob(IRolloutTicker ticker, RolloutJobRunner runner) : IJob
{
    /// <inheritdoc />
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(context, RolloutJobKind.Tick, ticker.TickAsync, cancellationToken);
}
