using System.Globalization;
using Worker;

namespace Orchestrator.Execution;

/// <summary>Wakes a rollout through the Worker: its tick now, and its gate checks (the earlier time wins, so this never delays them).</summary>
public sealed class SchedulerWakeUp(IRolloutScheduler scheduler, TimeProvider clock) : IRolloutWakeUp
{
    /// <inheritdoc />
    public async Task WakeAsync(Guid rolloutId, CancellationToken cancellationToken = default)
    {
        var id = rolloutId.ToString("D", CultureInfo.InvariantCulture);
        await scheduler.TriggerTickNowAsync(id, cancellationToken);
        await scheduler.ScheduleGateChecksAsync(id, clock.GetUtcNow(), cancellationToken);
    }
}
