using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Rollouts;

/// <summary>
/// One rollout as stored: the plan, where it is, and a version for optimistic concurrency. Desired endpoint state
/// is not stored; it is computed from the plan and <see cref="StepIndex"/>.
/// </summary>
public sealed record Rollout
{
    /// <summary>The rollout's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Identifies the endpoint across targets (at most one active rollout per key), see <see cref="EndpointKeys"/>.</summary>
    public required string EndpointKey { get; init; }

    /// <summary>The validated, expanded plan.</summary>
    public required RolloutPlan Plan { get; init; }

    /// <summary>The current state.</summary>
    public required RolloutPhase Phase { get; init; }

    /// <summary>While paused: the phase Resume returns to.</summary>
    public RolloutPhase? PausedFrom { get; init; }

    /// <summary>The step being carried out; -1 while Pending (preparing the endpoint).</summary>
    public int StepIndex { get; init; } = -1;

    /// <summary>When the current step started (its bake counts from here).</summary>
    public required DateTimeOffset StepStartedAt { get; init; }

    /// <summary>A human asked to end the current bake now (Promote).</summary>
    public bool BakeEndRequested { get; init; }

    /// <summary>A human approved the current approval step.</summary>
    public bool Approved { get; init; }

    /// <summary>Why the rollout rolled back (or is rolling back); null otherwise.</summary>
    public string? RollbackReason { get; init; }

    /// <summary>Why the rollback failed (phase Failed); null otherwise.</summary>
    public string? FailureReason { get; init; }

    /// <summary>While queued: the rollout directly ahead of it in its endpoint's line when it was submitted (the active one, or the last queued); null otherwise.</summary>
    public Guid? QueuedBehind { get; init; }

    /// <summary>How many times the rollout was retried after a rollback.</summary>
    public int Attempt { get; init; }

    /// <summary>Who submitted it.</summary>
    public required string SubmittedBy { get; init; }

    /// <summary>When it was submitted.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Incremented by every stored change; a save with a stale version is refused.</summary>
    public long Version { get; init; }

    /// <summary>The current step, or null while Pending or after the last step.</summary>
    public RolloutStep? CurrentStep => StepIndex >= 0 && StepIndex < Plan.Steps.Count ? Plan.Steps[StepIndex] : null;

    /// <summary>
    /// The split the rollout asks of its endpoint now, computed, never stored: the rollback split once a rollback
    /// started; the baseline alone before the first step; else the current step's.
    /// </summary>
    public TrafficSplit DesiredTraffic() => Phase switch
    {
        RolloutPhase.RollingBack or RolloutPhase.RolledBack or RolloutPhase.Failed => DesiredState.RollbackState(Plan),

        // Pending prepares the endpoint with the baseline serving everything.
        _ when StepIndex < 0 => TrafficSplit.AllTo(Plan.Baseline.Name),
        _ => DesiredState.DesiredEndpointState(Plan, Math.Min(StepIndex, Plan.Steps.Count - 1)),
    };
}
