using Microsoft.Extensions.Logging;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Dispatching.Behaviors;

/// <summary>
/// Accepted actions are audited by their handlers, in the same transaction as the change. This behaviour audits
/// what a handler cannot: a human's command the state table refused, so "who tried what, when" is kept too.
/// </summary>
public sealed partial class AuditBehavior<TCommand, TResult>(IRolloutStore store, TimeProvider clock, ILogger<AuditBehavior<TCommand, TResult>> logger)
    : IPipelineBehavior<TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    /// <inheritdoc />
    public async Task<TResult> HandleAsync(TCommand command, PipelineContinuation<TResult> continuation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation();
        }
        catch (InvalidRolloutTransitionException e) when (command is IRolloutCommand rc and IMutatingCommand { Actor.Role: not ActorRole.System } mc)
        {
            Log.Refused(logger, typeof(TCommand).Name, rc.RolloutId, e.Message);
            var action = typeof(TCommand).Name.Replace("Command", "", StringComparison.Ordinal);
            await store.AppendAuditAsync(
                [new AuditEvent(rc.RolloutId, clock.GetUtcNow(), mc.Actor, $"{action}Refused", e.Message, e.State, null)],
                CancellationToken.None);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.TransitionRefused, Level = LogLevel.Information, Message = "{Command} refused for rollout {RolloutId}: {Reason}")]
        public static partial void Refused(ILogger logger, string command, Guid rolloutId, string reason);
    }
}
