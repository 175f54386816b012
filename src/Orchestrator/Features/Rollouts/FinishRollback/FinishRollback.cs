using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.FinishRollback;

/// <summary>Internal (worker): the rollback was applied (Succeeded) or could not be (FailureReason).</summary>
[AllowedRoles(ActorRole.System)]
public sealed record FinishRollbackCommand(Guid RolloutId, bool Succeeded, string? FailureReason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="FinishRollbackCommand"/>.</summary>
public sealed class FinishRollbackCommandHandler(IRolloutStore store, TimeProvider clock) : ICommandHandler<FinishRollbackCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(FinishRollbackCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        if (rollout.Phase is not RolloutPhase.RollingBack)
        {
            // A repeat after the rollback was already recorded: nothing to do.
            return rollout;
        }

        var trigger = command.Succeeded ? RolloutTrigger.RollbackCompleted : RolloutTrigger.RollbackFailed;
        var (finished, audit) = RolloutTransitions.Apply(rollout, trigger, command.Actor, command.FailureReason ?? rollout.RollbackReason, clock.GetUtcNow());
        return await store.UpdateAsync(finished with { FailureReason = command.FailureReason }, [audit], cancellationToken);
    }
}
