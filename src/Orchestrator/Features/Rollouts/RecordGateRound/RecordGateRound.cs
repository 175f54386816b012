using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Features.Rollouts.RecordGateRound;

/// <summary>Internal (worker): stores one gate-check round of a step and decides; a RollBack decision starts the rollback in the same change.</summary>
[AllowedRoles(ActorRole.System)]
public sealed record RecordGateRoundCommand(Guid RolloutId, int StepIndex, GateRound Round, Actor Actor, string? RequestId = null) : ICommand<GateDecision>, IMutatingCommand, IRolloutCommand;

/// <summary>
/// Handles <see cref="RecordGateRoundCommand"/>: decides over the step's rounds and this one, and stores the round;
/// on RollBack it moves the rollout to RollingBack in the same transaction (the caller applies the rollback at once).
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

        // Only the rounds the decision depends on (back to the step's last passing round): a check in the sixth
        // hour of a bake costs what one in its first minute does. A concurrency retry re-runs this handler: the
        // round is stored once (the newest stored round is always among those read).
        var rounds = await store.GetDecidingGateRoundsAsync(rollout.Id, command.StepIndex, cancellationToken);
        var isNew = !rounds.Any(r => r.At == command.Round.At);
        if (isNew)
        {
            rounds = [.. rounds, command.Round];
        }

        var now = clock.GetUtcNow();
        var decision = GateDecider.Decide(rollout.Plan.Policy, rounds, rollout.StepStartedAt, now);
        if (decision.Action == GateAction.RollBack)
        {
            var (rollingBack, audit) = RolloutTransitions.Apply(rollout, RolloutTrigger.GateFailed, command.Actor, decision.Reason, now);
            rollingBack = rollingBack with { RollbackReason = decision.Reason };

            // The round that crossed the limit and the RollingBack it decided commit together: one commit fewer
            // between the failed gate and the endpoint update (issue 5), and never a decision without its evidence.
            await (isNew
                ? store.AppendGateRoundAndUpdateAsync(rollingBack, [audit], command.StepIndex, command.Round, cancellationToken)
                : store.UpdateAsync(rollingBack, [audit], cancellationToken));
        }
        else if (isNew)
        {
            await store.AppendGateRoundAsync(rollout.Id, command.StepIndex, command.Round, cancellationToken);
        }

        return decision;
    }
}
