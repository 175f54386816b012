namespace Orchestrator.Rollouts;

/// <summary>One row of the state table: in <paramref name="From"/>, <paramref name="Trigger"/> leads to <paramref name="To"/> when the guard holds.</summary>
public sealed record Transition(RolloutPhase From, RolloutTrigger Trigger, RolloutPhase To, TransitionGuard? Guard)
{
    /// <summary>True when the transition keeps the state (an internal transition such as Promote or Approve).</summary>
    public bool IsInternal => From == To;
}

/// <summary>A pure, described predicate over what the table may consult.</summary>
/// <param name="Description">Shown in the diagram, e.g. <c>paused from Canary</c>.</param>
/// <param name="Predicate">The check; pure.</param>
public sealed record TransitionGuard(string Description, Func<TransitionContext, bool> Predicate);

/// <summary>What guards may look at besides the current state.</summary>
/// <param name="PausedFrom">The phase a paused rollout returns to on Resume.</param>
public readonly record struct TransitionContext(RolloutPhase? PausedFrom);
