using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.AbortRollout;

/// <summary>Rolls back now: baseline 100%, mirror 0. A reason is required.</summary>
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
        var saved = await store.UpdateAsync(aborted with { RollbackReason = $"aborted by {command.Actor.Name}: {command.Reason}" }, [audit], cancellationToken);
        await wakeUp.WakeAsync(saved.Id, cancellationToken);
        return saved;
    }
}
