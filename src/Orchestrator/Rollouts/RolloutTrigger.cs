namespace Orchestrator.Rollouts;

/// <summary>What can happen to a rollout. Step starts come from the plan; the rest from humans, gates and the worker.</summary>
public enum RolloutTrigger
{
    /// <summary>A deploy or scale step starts.</summary>
    StartDeploy,

    /// <summary>A smoke test starts.</summary>
    StartSmokeTest,

    /// <summary>A mirror step starts.</summary>
    StartShadow,

    /// <summary>A traffic step below 100% starts.</summary>
    StartCanary,

    /// <summary>The traffic step to 100% starts (post-promotion bake).</summary>
    StartPromotion,

    /// <summary>An approval step starts.</summary>
    StartApproval,

    /// <summary>The baseline deletion starts.</summary>
    StartBaselineDeletion,

    /// <summary>The last step completed.</summary>
    Complete,

    /// <summary>A human holds the rollout.</summary>
    Pause,

    /// <summary>A human releases a paused rollout.</summary>
    Resume,

    /// <summary>A human ends the current bake now.</summary>
    Promote,

    /// <summary>A human approves the waiting step.</summary>
    Approve,

    /// <summary>A human rolls back (reason required).</summary>
    Abort,

    /// <summary>Gate verdicts decided to roll back (failures, or blind too long).</summary>
    GateFailed,

    /// <summary>A step could not be carried out (provisioning failed, smoke test failed, timeout).</summary>
    StepFailed,

    /// <summary>The endpoint is back on the baseline.</summary>
    RollbackCompleted,

    /// <summary>The rollback could not be applied.</summary>
    RollbackFailed,

    /// <summary>After a rollback, start over from the beginning.</summary>
    Retry,

    /// <summary>The endpoint a queued rollout waits for is free and the rollout is first in line: it starts.</summary>
    Dequeue,
}
