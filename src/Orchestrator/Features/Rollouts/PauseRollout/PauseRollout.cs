using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.PauseRollout;

/// <summary>Holds the current split and stops advancing; gates keep watching and a failure still rolls back.</summary>
[AllowedRoles(ActorRole.OnCall)]
public sealed record PauseRolloutCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="PauseRolloutCommand"/>.</summary>
public sealed class PauseRolloutCommandHandler(IRolloutStore store, TimeProvider clock) : ICommandHandler<PauseRolloutCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(PauseRolloutCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        var (paused, audit) = RolloutTransitions.Apply(rollout, RolloutTrigger.Pause, command.Actor, command.Reason, clock.GetUtcNow());
        return await store.UpdateAsync(paused, [audit], cancellationToken);
    }
}
