using Quartz;
using Worker.Scheduling;

namespace Worker.Jobs;

/// <summary>Checks one rollout's gates (job key: the rollout id in group <c>rollout-gates</c>) and reschedules itself at the time the check returns.</summary>
[DisallowConcurrentExecution]
internal sealed class CheckGatesJob(IGateChecker checker, RolloutJobRunner runner) : IJob
{
    /// <inheritdoc />
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(context, RolloutJobKind.GateCheck, checker.CheckAsync, cancellationToken);
}
