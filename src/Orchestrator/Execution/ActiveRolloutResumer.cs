using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Dispatching;
using Orchestrator.Features.Rollouts.StartQueuedRollout;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Execution;

/// <summary>
/// At start-up, migrates the database, wakes every active rollout, and starts the first queued rollout of every
/// endpoint that nothing holds. The Quartz store already holds the triggers; this is the safety net for a crash
/// between a stored change and its trigger, or between a rollout's end and the start of the next in line (invariant 5).
/// </summary>
public sealed partial class ActiveRolloutResumer(IRolloutStore store, IRolloutWakeUp wakeUp, ISender sender, ILogger<ActiveRolloutResumer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
        var active = await store.ListActiveAsync(cancellationToken);
        foreach (var rollout in active)
        {
            await wakeUp.WakeAsync(rollout.Id, cancellationToken);
        }

        Log.Resumed(logger, active.Count);
        await StartIdleQueuesAsync([.. active.Select(r => r.EndpointKey)], cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StartIdleQueuesAsync(HashSet<string> busy, CancellationToken cancellationToken)
    {
        var idle = (await store.ListQueuedAsync(cancellationToken: cancellationToken))
            .Select(r => r.EndpointKey)
            .Where(key => !busy.Contains(key))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var endpointKey in idle)
        {
            // Another node may start it first; the store lets one in and the command answers null for the other.
            await sender.SendAsync(new StartQueuedRolloutCommand(endpointKey, "the endpoint was idle when the service started", Actor.Scheduler), cancellationToken);
        }

        Log.QueuesStarted(logger, idle.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RolloutsResumed, Level = LogLevel.Information, Message = "{Count} active rollout(s) resumed")]
        public static partial void Resumed(ILogger logger, int count);

        [LoggerMessage(EventId = EventIds.QueuedRolloutsResumed, Level = LogLevel.Information, Message = "{Count} idle endpoint(s) with queued rollouts: the first in line started")]
        public static partial void QueuesStarted(ILogger logger, int count);
    }
}
