using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.AbortRollout;

/// <summary>Rolls back now: baseline 100%, mirror 0; a queued rollout is cancelled instead (it changed nothing). A reason is required.</summary>
[AllowedRoles(ActorRole.OnCall)]
public sealed record AbortRolloutCommand(Guid RolloutId, string Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="AbortRolloutCommand"/>.</summary>
public sealed class AbortRolloutCommandHandler(IRolloutStore store, IRolloutWakeUp wakeUp, TimeProvider clock) : ICommandHandler<AbortRolloutCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(AbortRolloutCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        var (aborted, audit) = RolloutTransitions.Apply(rollout, RolloutTrigger.Abort, command.Actor, command.Reason, clock.GetUtcNow());
        if (aborted.Phase == RolloutPhase.Cancelled)
        {
            // Left the queue before it touched the endpoint: no rollback to run, no job to wake.
            return await store.UpdateAsync(aborted with { QueuedBehind = null, RollbackReason = $"cancelled by {command.Actor.Name} while queued: {command.Reason}" }, [audit], cancellationToken);
        }

        var saved = await store.UpdateAsync(aborted with { RollbackReason = $"aborted by {command.Actor.Name}: {command.Reason}" }, [audit], cancellationToken);
        await wakeUp.WakeAsync(saved.Id, cancellationToken);
        return saved;
    }
}
