namespace Orchestrator.Rollouts;

/// <summary>Applies one trigger of the state table to a stored rollout and writes the audit event that goes with it.</summary>
public static class RolloutTransitions
{
    /// <summary>The rollout after the trigger, and its audit event; throws <see cref="InvalidRolloutTransitionException"/> when the table refuses.</summary>
    public static (Rollout Rollout, AuditEvent Audit) Apply(Rollout rollout, RolloutTrigger trigger, Actor actor, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var to = RolloutStateMachine.Fire(rollout.Phase, trigger, new TransitionContext(rollout.PausedFrom));
        var pausedFrom = to == RolloutPhase.Paused
            ? (rollout.Phase == RolloutPhase.Paused ? rollout.PausedFrom : rollout.Phase)
            : null;
        var changed = rollout with { Phase = to, PausedFrom = pausedFrom, UpdatedAt = now };
        return (changed, new AuditEvent(rollout.Id, now, actor, trigger.ToString(), reason, rollout.Phase, to));
    }
}
