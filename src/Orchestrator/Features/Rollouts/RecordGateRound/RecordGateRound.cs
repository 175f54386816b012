using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Features.Rollouts.RecordGateRound;

/// <summary>Internal (worker): stores one gate-check round of a step and decides; a RollBack decision starts the rollback in the same change.</summary>
[AllowedRoles(ActorRole.System)]
public sealed record RecordGateRoundCommand(Guid RolloutId, int StepIndex, GateRound Round, Actor Actor, string? RequestId = null) : ICommand<GateDecision>, IMutatingCommand, IRolloutCommand;

/// <summary>
/// Handles <see cref="RecordGateRoundCommand"/>: stores the round, decides over the step's rounds, and on RollBack
/// moves the rollout to RollingBack in the same change (the caller applies the rollback at once).
/// </summary>
public sealed class RecordGateRoundCommandHandler(IRolloutStore store, TimeProvider clock) : ICommandHandler<RecordGateRoundCommand, GateDecision>
{
    /// <inheritdoc />
    public async Task<GateDecision> HandleAsync(RecordGateRoundCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        if (rollout.StepIndex != command.StepIndex || !RolloutStateMachine.CanFire(rollout.Phase, RolloutTrigger.GateFailed, new TransitionContext(rollout.PausedFrom)))
        {
            // The rollout moved on (next step, rollback, end) while the round was measured: it judges a state that is gone.
            return new GateDecision(GateAction.Hold, $"round for step {command.StepIndex} ignored: the rollout is {rollout.Phase} at step {rollout.StepIndex}");
        }

        var rounds = await store.GetDecidingGateRoundsAsync(rollout.Id, command.StepIndex, cancellationToken);
        if (!rounds.Any(r => r.At == command.Round.At))
        {
            // A concurrency retry re-runs this handler: the round is stored once.
            await store.AppendGateRoundAsync(rollout.Id, command.StepIndex, command.Round, cancellationToken);
            rounds = [.. rounds, command.Round];
        }

        var now = clock.GetUtcNow();
        var decision = GateDecider.Decide(rollout.Plan.Policy, rounds, rollout.StepStartedAt, now);
        if (decision.Action == GateAction.RollBack)
        {
            var (rollingBack, audit) = RolloutTransitions.Apply(rollout, RolloutTrigger.GateFailed, command.Actor, decision.Reason, now);
            await store.UpdateAsync(rollingBack with { RollbackReason = decision.Reason }, [audit], cancellationToken);
        }

        return decision;
    }
}
