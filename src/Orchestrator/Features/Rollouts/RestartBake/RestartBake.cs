using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.RestartBake;

/// <summary>
/// Internal (worker): the split of baking step StepIndex was only now put in place (the service died between storing
/// the step and applying its split, or the endpoint drifted), so its bake counts from now. A repeat, or one for a
/// step the rollout has left, does nothing.
/// </summary>
[AllowedRoles(ActorRole.System)]
public sealed record RestartBakeCommand(Guid RolloutId, int StepIndex, string? Note, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="RestartBakeCommand"/>: moves the step's start to now, audited without a state change.</summary>
public sealed class RestartBakeCommandHandler(IRolloutStore store, TimeProvider clock) : ICommandHandler<RestartBakeCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(RestartBakeCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        var now = clock.GetUtcNow();
        if (rollout.StepIndex != command.StepIndex || rollout.Phase.IsTerminal() || rollout.Phase == RolloutPhase.RollingBack || rollout.StepStartedAt >= now)
        {
            // The rollout moved on (next step, rollback, end), or the bake already starts now: nothing to restart.
            return rollout;
        }

        var audit = new AuditEvent(rollout.Id, now, command.Actor, "BakeRestarted", command.Note, null, null);
        return await store.UpdateAsync(rollout with { StepStartedAt = now, UpdatedAt = now }, [audit], cancellationToken);
    }
}
