using Quartz;
using Worker.Scheduling;

namespace Worker.Jobs;

/// <summary>Checks one rollout's gates (job key: the rollout id in group <c>rollout-gates</c>) and reschedules itself at the time the check returns.</summary>
[DisallowConcurrentExecution]

// Handler errors are retried by the runner; only a failed reschedule (the store unreachable) escapes Execute, and
// then Quartz fires the job again rather than let the rollout drop out of the schedule.
[RetryPolicy(20, "00:00:02", 2, MaxDelay = "00:01:00")]
internal sealed class CheckGatesJob(IGateChecker checker, RolloutJobRunner runner) : IJob
{
    /// <inheritdoc />
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(context, RolloutJobKind.GateCheck, checker.CheckAsync, cancellationToken);
}
