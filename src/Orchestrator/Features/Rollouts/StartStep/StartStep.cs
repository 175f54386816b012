using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.StartStep;

/// <summary>Internal (worker): the current step is done; start step StepIndex (or complete the rollout when it is past the last step). A repeat for a step already started does nothing.</summary>
[AllowedRoles(ActorRole.System)]
public sealed record StartStepCommand(Guid RolloutId, int StepIndex, string? Note, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="StartStepCommand"/>.</summary>
public sealed class StartStepCommandHandler(IRolloutStore store, TimeProvider clock) : ICommandHandler<StartStepCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(StartStepCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        if (rollout.StepIndex >= command.StepIndex || rollout.Phase.IsTerminal())
        {
            // The step already started (a repeated tick after a crash or a race): starting it again would restart its bake.
            return rollout;
        }

        var now = clock.GetUtcNow();
        var trigger = command.StepIndex >= rollout.Plan.Steps.Count ? RolloutTrigger.Complete : rollout.Plan.Steps[command.StepIndex].StartTrigger;
        var (started, audit) = RolloutTransitions.Apply(rollout, trigger, command.Actor, command.Note, now);
        var next = started with { StepIndex = command.StepIndex, StepStartedAt = now, BakeEndRequested = false, Approved = false };
        return await store.UpdateAsync(next, [audit], cancellationToken);
    }
}
