using Microsoft.Extensions.Logging;
using Quartz;

namespace Worker.Sweeping;

/// <summary>
/// Runs the gate-check sweeper exactly while the Quartz scheduler runs, whoever starts it (the hosted service, a
/// test, a benchmark): started with it, paused on standby (running checks finish), stopped on shutdown (running
/// checks are cancelled, as Quartz cancels its jobs). Before the first start it moves gate checks that an older
/// version kept as Quartz jobs into the table.
/// </summary>
internal sealed partial class SweeperSchedulerListener(GateCheckSweeper sweeper, GateCheckTable table, ILogger<SweeperSchedulerListener> logger) : ISchedulerListener
{
    /// <summary>The Quartz job group that held one gate-check job per rollout before ADR-007.</summary>
    internal const string LegacyGroup = "rollout-gates";

    public async ValueTask SchedulerStarting(IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        await table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(LegacyGroup), cancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            var trigger = await scheduler.GetTrigger(key, cancellationToken).ConfigureAwait(false);
            var at = trigger?.NextFireTimeUtc ?? scheduler.TimeProvider.GetUtcNow();
            await table.ScheduleAsync(key.Name, at, cancellationToken).ConfigureAwait(false);
            await scheduler.DeleteJob(new JobKey(key.Name, LegacyGroup), cancellationToken).ConfigureAwait(false);
        }

        if (keys.Count > 0)
        {
            Log.LegacyGateJobsMoved(logger, keys.Count);
        }
    }

    public async ValueTask SchedulerStarted(IScheduler scheduler, CancellationToken cancellationToken = default) =>
        await sweeper.StartAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask SchedulerInStandbyMode(IScheduler scheduler, CancellationToken cancellationToken = default) =>
        await sweeper.StopAsync(cancelChecks: false, cancellationToken).ConfigureAwait(false);

    public async ValueTask SchedulerShuttingDown(IScheduler scheduler, CancellationToken cancellationToken = default) =>
        await sweeper.StopAsync(cancelChecks: true, cancellationToken).ConfigureAwait(false);

    private static partial class Log
    {
        [LoggerMessage(EventId = WorkerEventIds.LegacyGateJobsMoved, Level = LogLevel.Information, Message = "{Count} gate-check job(s) of an older version moved from Quartz to the gate-check table")]
        public static partial void LegacyGateJobsMoved(ILogger logger, int count);
    }
}
