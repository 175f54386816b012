using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.ResumeRollout;

/// <summary>Releases a paused rollout into the phase it was paused from.</summary>
[AllowedRoles(ActorRole.OnCall)]
public sealed record ResumeRolloutCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="ResumeRolloutCommand"/>.</summary>
public sealed class ResumeRolloutCommandHandler(IRolloutStore store, IRolloutWakeUp wakeUp, TimeProvider clock) : ICommandHandler<ResumeRolloutCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(ResumeRolloutCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        var (resumed, audit) = RolloutTransitions.Apply(rollout, RolloutTrigger.Resume, command.Actor, command.Reason, clock.GetUtcNow());
        var saved = await store.UpdateAsync(resumed, [audit], cancellationToken);
        await wakeUp.WakeAsync(saved.Id, cancellationToken);
        return saved;
    }
}
