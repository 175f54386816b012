using Microsoft.Extensions.Logging;
using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.StartQueuedRollout;

/// <summary>
/// The one place that notices a rollout ended: whatever command left it terminal (the last step completed, a
/// rollback finished or could not, an abort), the endpoint is free, so the oldest rollout queued for it starts
/// through <see cref="StartQueuedRolloutCommand"/>. Watching command results here, rather than in each handler that
/// can end a rollout, keeps the queue out of the execution code and covers any path added later.
/// </summary>
public sealed partial class StartQueuedRolloutBehavior<TCommand, TResult>(ISender sender, ILogger<StartQueuedRolloutBehavior<TCommand, TResult>> logger)
    : IPipelineBehavior<TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    /// <inheritdoc />
    public async Task<TResult> HandleAsync(TCommand command, PipelineContinuation<TResult> continuation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var result = await continuation();
        if (command is IMutatingCommand && result is Rollout { Phase: var phase } ended && phase.IsTerminal())
        {
            await StartNextAsync(ended, cancellationToken);
        }

        return result;
    }

    private async Task StartNextAsync(Rollout ended, CancellationToken cancellationToken)
    {
        try
        {
            var started = await sender.SendAsync(
                new StartQueuedRolloutCommand(ended.EndpointKey, $"the endpoint is free: rollout {ended.Id} ended {ended.Phase}", Actor.Scheduler),
                cancellationToken);
            if (started is not null)
            {
                Log.Started(logger, started.Id, ended.EndpointKey, ended.Id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The ended rollout's change is stored and must stand; the queued one starts at the next end on this
            // endpoint or when a node starts (ActiveRolloutResumer).
            Log.StartFailed(logger, e, ended.EndpointKey);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.QueuedRolloutStarted, Level = LogLevel.Information, Message = "Queued rollout {RolloutId} started on {EndpointKey} after rollout {EndedRolloutId} ended")]
        public static partial void Started(ILogger logger, Guid rolloutId, string endpointKey, Guid endedRolloutId);

        [LoggerMessage(EventId = EventIds.QueuedRolloutStartFailed, Level = LogLevel.Error, Message = "Could not start the next queued rollout on {EndpointKey}; it starts at the next end or restart")]
        public static partial void StartFailed(ILogger logger, Exception exception, string endpointKey);
    }
}
