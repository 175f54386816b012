using Quartz;
using Worker.Scheduling;

namespace Worker.Jobs;

/// <summary>Ticks one rollout (its job key is the rollout id in group <c>rollout-tick</c>) and reschedules itself at the time the tick returns.</summary>
[DisallowConcurrentExecution]
internal sealed class AdvanceRolloutJob(IRolloutTicker ticker, RolloutJobRunner runner) : IJob
{
    /// <inheritdoc />
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(context, RolloutJobKind.Tick, ticker.TickAsync, cancellationToken);
}
