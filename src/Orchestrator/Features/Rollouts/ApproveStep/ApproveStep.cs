using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.ApproveStep;

/// <summary>Approves the approval step the rollout waits on.</summary>
[AllowedRoles(ActorRole.ReleaseManager)]
public sealed record ApproveStepCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="ApproveStepCommand"/>.</summary>
public sealed class ApproveStepCommandHandler(IRolloutStore store, IRolloutWakeUp wakeUp, TimeProvider clock) : ICommandHandler<ApproveStepCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(ApproveStepCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        var (approved, audit) = RolloutTransitions.Apply(rollout, RolloutTrigger.Approve, command.Actor, command.Reason, clock.GetUtcNow());
        var saved = await store.UpdateAsync(approved with { Approved = true }, [audit], cancellationToken);
        await wakeUp.WakeAsync(saved.Id, cancellationToken);
        return saved;
    }
}
