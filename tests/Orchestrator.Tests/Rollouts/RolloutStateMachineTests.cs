using Orchestrator.Rollouts;

namespace Orchestrator.Rollouts.Tests;

public class RolloutStateMachineTests
{
    /// <summary>Every (state, trigger) pair except Resume, which is guarded and has its own tests.</summary>
    public static TheoryData<RolloutPhase, RolloutTrigger> AllPairs()
    {
        var data = new TheoryData<RolloutPhase, RolloutTrigger>();
        foreach (var state in Enum.GetValues<RolloutPhase>())
        {
            foreach (var trigger in Enum.GetValues<RolloutTrigger>().Where(t => t != RolloutTrigger.Resume))
            {
                data.Add(state, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Fire_EveryStateAndTrigger_LandsWhereExpectedOrIsRefused(RolloutPhase state, RolloutTrigger trigger)
    {
        if (ExpectedTransitions.Table[state].TryGetValue(trigger, out var expected))
        {
            Assert.Equal(expected, RolloutStateMachine.Fire(state, trigger));
            Assert.True(RolloutStateMachine.CanFire(state, trigger));
            return;
        }

        var error = Assert.Throws<InvalidRolloutTransitionException>(() => RolloutStateMachine.Fire(state, trigger));
        Assert.Equal(state, error.State);
        Assert.Equal(trigger, error.Trigger);
        Assert.Contains(state.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(trigger.ToString(), error.Message, StringComparison.Ordinal);
        Assert.False(RolloutStateMachine.CanFire(state, trigger));
    }

    [Fact]
    public void Table_EveryStateIsCoveredByTheExpectation()
    {
        Assert.Equal(Enum.GetValues<RolloutPhase>().Order(), ExpectedTransitions.Table.Keys.Order());
    }

    [Fact]
    public void Table_HoldsNoTransitionTheExpectationLacks()
    {
        var unexpected = RolloutStateMachine.Table
            .Where(t => t.Trigger != RolloutTrigger.Resume)
            .Where(t => !ExpectedTransitions.Table[t.From].TryGetValue(t.Trigger, out var to) || to != t.To)
            .Select(t => $"{t.From} --{t.Trigger}--> {t.To}")
            .ToList();

        Assert.True(unexpected.Count == 0, "unexpected transitions: " + string.Join(", ", unexpected));
    }

    public static TheoryData<RolloutPhase> PausablePhases() => [.. ExpectedTransitions.Pausable];

    [Theory]
    [MemberData(nameof(PausablePhases))]
    public void Fire_ResumeWhilePaused_ReturnsToPausedFrom(RolloutPhase pausedFrom)
    {
        var to = RolloutStateMachine.Fire(RolloutPhase.Paused, RolloutTrigger.Resume, new TransitionContext(pausedFrom));

        Assert.Equal(pausedFrom, to);
    }

    public static TheoryData<RolloutPhase?> NotPausable() =>
        [null, .. Enum.GetValues<RolloutPhase>().Where(p => !ExpectedTransitions.Pausable.Contains(p)).Select(p => (RolloutPhase?)p)];

    [Theory]
    [MemberData(nameof(NotPausable))]
    public void Fire_ResumeWithoutAPausablePausedFrom_IsRefused(RolloutPhase? pausedFrom)
    {
        var error = Assert.Throws<InvalidRolloutTransitionException>(
            () => RolloutStateMachine.Fire(RolloutPhase.Paused, RolloutTrigger.Resume, new TransitionContext(pausedFrom)));

        Assert.Contains("Paused", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resume", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<RolloutPhase> NotPaused() =>
        [.. Enum.GetValues<RolloutPhase>().Where(p => p != RolloutPhase.Paused)];

    [Theory]
    [MemberData(nameof(NotPaused))]
    public void Fire_ResumeWhenNotPaused_IsRefusedWhateverThePausedFrom(RolloutPhase state)
    {
        Assert.Throws<InvalidRolloutTransitionException>(
            () => RolloutStateMachine.Fire(state, RolloutTrigger.Resume, new TransitionContext(RolloutPhase.Canary)));
    }

    [Fact]
    public void PermittedTriggers_Paused_ListsResumeOnlyWithAPausedFrom()
    {
        Assert.DoesNotContain(RolloutTrigger.Resume, RolloutStateMachine.PermittedTriggers(RolloutPhase.Paused));
        Assert.Equal(
            [RolloutTrigger.Resume, RolloutTrigger.Abort, RolloutTrigger.GateFailed, RolloutTrigger.StepFailed],
            RolloutStateMachine.PermittedTriggers(RolloutPhase.Paused, new TransitionContext(RolloutPhase.Shadowing)));
    }

    public static TheoryData<RolloutPhase> AllPhases() => [.. Enum.GetValues<RolloutPhase>()];

    [Theory]
    [MemberData(nameof(AllPhases))]
    public void Predicates_AgreeWithTheTable(RolloutPhase phase)
    {
        var permitted = ExpectedTransitions.Table[phase].Keys.ToHashSet();

        // Terminal: nothing but a human's retry (or, from Failed, another rollback attempt) leaves it.
        Assert.Equal(phase.IsTerminal(), permitted.IsSubsetOf([RolloutTrigger.Retry, RolloutTrigger.Abort]));
        Assert.Equal(phase.IsPausable(), permitted.Contains(RolloutTrigger.Pause));
        Assert.Equal(phase.IsBaking(), permitted.Contains(RolloutTrigger.Promote));

        // Active (holding the endpoint): everything that is neither over nor waiting in the queue.
        Assert.Equal(!phase.IsTerminal() && !permitted.Contains(RolloutTrigger.Dequeue), phase.IsActive());
    }
}
