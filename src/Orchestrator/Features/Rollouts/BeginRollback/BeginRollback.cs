using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.BeginRollback;

/// <summary>Internal (worker): a step failed or gates decided to roll back (Trigger is StepFailed or GateFailed).</summary>
[AllowedRoles(ActorRole.System)]
public sealed record BeginRollbackCommand(Guid RolloutId, RolloutTrigger Trigger, string Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="BeginRollbackCommand"/>.</summary>
public sealed class BeginRollbackCommandHandler(IRolloutStore store, IRolloutWakeUp wakeUp, TimeProvider clock) : ICommandHandler<BeginRollbackCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(BeginRollbackCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        if (rollout.Phase is RolloutPhase.RollingBack || rollout.Phase.IsTerminal())
        {
            // Already rolling back (the gate job and the tick may both decide it): the first decision stands.
            return rollout;
        }

        var (rollingBack, audit) = RolloutTransitions.Apply(rollout, command.Trigger, command.Actor, command.Reason, clock.GetUtcNow());
        var saved = await store.UpdateAsync(rollingBack with { RollbackReason = command.Reason }, [audit], cancellationToken);
        await wakeUp.WakeAsync(saved.Id, cancellationToken);
        return saved;
    }
}
