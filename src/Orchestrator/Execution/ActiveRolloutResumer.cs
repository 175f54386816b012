using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Persistence;

namespace Orchestrator.Execution;

/// <summary>
/// At start-up, migrates the database and wakes every active rollout. The Quartz store already holds their
/// triggers; this is the safety net for a crash between a stored change and its trigger (invariant 5).
/// </summary>
public sealed partial class ActiveRolloutResumer(IRolloutStore store, IRolloutWakeUp wakeUp, ILogger<ActiveRolloutResumer> logger) : IHostedService
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
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RolloutsResumed, Level = LogLevel.Information, Message = "{Count} active rollout(s) resumed")]
        public static partial void Resumed(ILogger logger, int count);
    }
}
