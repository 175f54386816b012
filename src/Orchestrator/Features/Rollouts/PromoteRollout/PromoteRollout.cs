using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.PromoteRollout;

/// <summary>Ends the current bake now (the next tick advances; gates must not be failing).</summary>
[AllowedRoles(ActorRole.ReleaseManager)]
public sealed record PromoteRolloutCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="PromoteRolloutCommand"/>.</summary>
public sealed class PromoteRolloutCommandHandler(IRolloutStore store, IRolloutWakeUp wakeUp, TimeProvider clock) : ICommandHandler<PromoteRolloutCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(PromoteRolloutCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        var (promoted, audit) = RolloutTransitions.Apply(rollout, RolloutTrigger.Promote, command.Actor, command.Reason, clock.GetUtcNow());
        var saved = await store.UpdateAsync(promoted with { BakeEndRequested = true }, [audit], cancellationToken);
        await wakeUp.WakeAsync(saved.Id, cancellationToken);
        return saved;
    }
}
