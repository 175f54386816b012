namespace Orchestrator.Rollouts;

/// <summary>The states of a rollout (see docs/rollout-states.md, generated from <see cref="RolloutStateMachine"/>).</summary>
public enum RolloutPhase
{
    /// <summary>Submitted; prepares the endpoint (creates it with the baseline when missing).</summary>
    Pending,

    /// <summary>Submitted with <c>onBusyEndpoint: queue</c> while the endpoint was busy: waits, changing nothing, until the rollouts ahead of it end.</summary>
    Queued,

    /// <summary>Creating, updating or scaling a deployment.</summary>
    DeployingCandidate,

    /// <summary>Smoke-testing the candidate in isolation.</summary>
    TestingCandidate,

    /// <summary>Mirroring a share of live traffic to the candidate and baking.</summary>
    Shadowing,

    /// <summary>The candidate serves a share of live traffic and bakes.</summary>
    Canary,

    /// <summary>The candidate serves 100%; the baseline is kept at 0% during the post-promotion bake.</summary>
    Promoted,

    /// <summary>Waiting for a human to approve the next step.</summary>
    AwaitingApproval,

    /// <summary>Deleting the baseline.</summary>
    DeletingBaseline,

    /// <summary>Done: the candidate serves all traffic.</summary>
    Succeeded,

    /// <summary>Held by a human: the split holds and gates keep watching.</summary>
    Paused,

    /// <summary>Restoring the baseline to 100%, mirror 0.</summary>
    RollingBack,

    /// <summary>Back on the baseline.</summary>
    RolledBack,

    /// <summary>The rollback itself could not finish: a human must act.</summary>
    Failed,

    /// <summary>Aborted while queued: it never touched the endpoint.</summary>
    Cancelled,
}

/// <summary>Predicates over <see cref="RolloutPhase"/>, so nobody compares phase names.</summary>
public static class RolloutPhaseExtensions
{
    /// <summary>True for phases no trigger leaves except a human's retry.</summary>
    public static bool IsTerminal(this RolloutPhase phase) =>
        phase is RolloutPhase.Succeeded or RolloutPhase.RolledBack or RolloutPhase.Failed or RolloutPhase.Cancelled;

    /// <summary>True while the rollout holds its endpoint (at most one active rollout per endpoint); a queued rollout waits for it instead.</summary>
    public static bool IsActive(this RolloutPhase phase) => !phase.IsTerminal() && phase != RolloutPhase.Queued;

    /// <summary>True in phases with a bake during which gates are checked.</summary>
    public static bool IsBaking(this RolloutPhase phase) =>
        phase is RolloutPhase.Shadowing or RolloutPhase.Canary or RolloutPhase.Promoted;

    /// <summary>True in the phases a human may pause.</summary>
    public static bool IsPausable(this RolloutPhase phase) =>
        phase is RolloutPhase.DeployingCandidate or RolloutPhase.TestingCandidate or RolloutPhase.Shadowing
            or RolloutPhase.Canary or RolloutPhase.Promoted or RolloutPhase.AwaitingApproval;
}
