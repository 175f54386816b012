using Orchestrator.Rollouts;

namespace Orchestrator.Rollouts.Tests;

public class RolloutLifecycleTests
{
    [Fact]
    public void Fire_PauseThenResume_ReturnsToThePausedPhaseAndClearsPausedFrom()
    {
        var lifecycle = new RolloutLifecycle(RolloutPhase.Canary);

        lifecycle.Fire(RolloutTrigger.Pause);
        Assert.Equal((RolloutPhase.Paused, RolloutPhase.Canary), (lifecycle.State, lifecycle.PausedFrom));

        lifecycle.Fire(RolloutTrigger.Resume);
        Assert.Equal(RolloutPhase.Canary, lifecycle.State);
        Assert.Null(lifecycle.PausedFrom);
    }

    [Fact]
    public void Fire_AbortWhilePaused_ClearsPausedFrom()
    {
        var lifecycle = new RolloutLifecycle(RolloutPhase.Paused, RolloutPhase.Shadowing);

        lifecycle.Fire(RolloutTrigger.Abort);

        Assert.Equal(RolloutPhase.RollingBack, lifecycle.State);
        Assert.Null(lifecycle.PausedFrom);
    }

    [Fact]
    public void Fire_RestoredPausedRollout_ResumesToStoredPausedFrom()
    {
        var lifecycle = new RolloutLifecycle(RolloutPhase.Paused, RolloutPhase.AwaitingApproval);

        lifecycle.Fire(RolloutTrigger.Resume);

        Assert.Equal(RolloutPhase.AwaitingApproval, lifecycle.State);
    }

    [Fact]
    public void Fire_TriggerFromATransitionHandler_IsQueuedUntilTheFirstCompletes()
    {
        var lifecycle = new RolloutLifecycle(RolloutPhase.Canary);
        var log = new List<string>();
        lifecycle.Transitioned += (from, trigger, to) =>
        {
            log.Add($"enter {from}-{trigger}->{to}");
            if (to == RolloutPhase.RollingBack)
            {
                lifecycle.Fire(RolloutTrigger.RollbackCompleted);

                // Run to completion: the nested trigger has not been applied yet.
                log.Add($"after nested fire: {lifecycle.State}");
            }

            log.Add($"leave {from}-{trigger}->{to}");
        };

        lifecycle.Fire(RolloutTrigger.GateFailed);

        Assert.Equal(RolloutPhase.RolledBack, lifecycle.State);
        Assert.Equal(
            [
                "enter Canary-GateFailed->RollingBack",
                "after nested fire: RollingBack",
                "leave Canary-GateFailed->RollingBack",
                "enter RollingBack-RollbackCompleted->RolledBack",
                "leave RollingBack-RollbackCompleted->RolledBack",
            ],
            log);
    }

    [Fact]
    public void Fire_QueuedTriggerRefused_ThrowsAndKeepsTheLastGoodState()
    {
        var lifecycle = new RolloutLifecycle(RolloutPhase.Canary);
        lifecycle.Transitioned += (_, _, to) =>
        {
            if (to == RolloutPhase.Paused)
            {
                lifecycle.Fire(RolloutTrigger.Complete);
            }
        };

        var error = Assert.Throws<InvalidRolloutTransitionException>(() => lifecycle.Fire(RolloutTrigger.Pause));

        Assert.Equal((RolloutPhase.Paused, RolloutTrigger.Complete), (error.State, error.Trigger));
        Assert.Equal(RolloutPhase.Paused, lifecycle.State);
        Assert.Equal(RolloutPhase.Canary, lifecycle.PausedFrom);
    }

    [Fact]
    public void Fire_AfterARefusal_AcceptsTheNextTrigger()
    {
        var lifecycle = new RolloutLifecycle(RolloutPhase.Canary);
        Assert.Throws<InvalidRolloutTransitionException>(() => lifecycle.Fire(RolloutTrigger.Complete));

        lifecycle.Fire(RolloutTrigger.StartPromotion);

        Assert.Equal(RolloutPhase.Promoted, lifecycle.State);
    }

    [Fact]
    public void Fire_InternalTransition_RaisesTransitionedAndKeepsState()
    {
        var lifecycle = new RolloutLifecycle(RolloutPhase.Promoted);
        var seen = new List<(RolloutPhase, RolloutTrigger, RolloutPhase)>();
        lifecycle.Transitioned += (from, trigger, to) => seen.Add((from, trigger, to));

        lifecycle.Fire(RolloutTrigger.Promote);

        Assert.Equal(RolloutPhase.Promoted, lifecycle.State);
        Assert.Equal([(RolloutPhase.Promoted, RolloutTrigger.Promote, RolloutPhase.Promoted)], seen);
    }
}
