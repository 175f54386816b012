using System.Text;
using static Orchestrator.Rollouts.RolloutPhase;
using static Orchestrator.Rollouts.RolloutTrigger;

namespace Orchestrator.Rollouts;

/// <summary>
/// The rollout lifecycle as one declarative table (states × triggers → state, with pure guards), in the image
/// of Stateless. Each state is configured once below. The table renders itself as Mermaid into
/// docs/rollout-states.md, and a test fails when the two differ.
/// </summary>
public static class RolloutStateMachine
{
    /// <summary>Every permitted transition.</summary>
    public static IReadOnlyList<Transition> Table { get; } = Build();

    /// <summary>The state a trigger leads to, or <see cref="InvalidRolloutTransitionException"/> naming the state and the trigger.</summary>
    public static RolloutPhase Fire(RolloutPhase state, RolloutTrigger trigger, TransitionContext context = default) =>
        Find(state, trigger, context)?.To ?? throw new InvalidRolloutTransitionException(state, trigger);

    /// <summary>True when the table permits the trigger in the state.</summary>
    public static bool CanFire(RolloutPhase state, RolloutTrigger trigger, TransitionContext context = default) =>
        Find(state, trigger, context) is not null;

    /// <summary>The triggers permitted in a state.</summary>
    public static IReadOnlyList<RolloutTrigger> PermittedTriggers(RolloutPhase state, TransitionContext context = default) =>
        [.. Table.Where(t => t.From == state && (t.Guard?.Predicate(context) ?? true)).Select(t => t.Trigger).Distinct()];

    private static Transition? Find(RolloutPhase state, RolloutTrigger trigger, TransitionContext context) =>
        Table.FirstOrDefault(t => t.From == state && t.Trigger == trigger && (t.Guard?.Predicate(context) ?? true));

    private static List<Transition> Build()
    {
        var table = new TableBuilder();

        // Queued holds nothing: aborting it cancels it, as nothing on the endpoint is its to roll back.
        table.Configure(Queued)
            .Permit(Dequeue, Pending)
            .Permit(Abort, Cancelled);

        table.Configure(Pending)
            .PermitStepStarts()
            .Permit(Abort, RollingBack)
            .Permit(StepFailed, RollingBack);

        table.Configure(DeployingCandidate)
            .PermitStepStarts()
            .PermitHumanHold()
            .Permit(StepFailed, RollingBack);

        table.Configure(TestingCandidate)
            .PermitStepStarts()
            .PermitHumanHold()
            .Permit(StepFailed, RollingBack);

        table.Configure(Shadowing)
            .PermitStepStarts()
            .PermitHumanHold()
            .PermitBakeControl();

        table.Configure(Canary)
            .PermitStepStarts()
            .PermitHumanHold()
            .PermitBakeControl();

        table.Configure(Promoted)
            .PermitStepStarts()
            .PermitHumanHold()
            .PermitBakeControl()
            .Permit(Complete, Succeeded);

        table.Configure(AwaitingApproval)
            .PermitStepStarts()
            .PermitHumanHold()
            .PermitInternal(Approve)
            .Permit(GateFailed, RollingBack)
            .Permit(Complete, Succeeded);

        table.Configure(DeletingBaseline)
            .Permit(Complete, Succeeded)
            .Permit(StepFailed, RollingBack)
            .Permit(Abort, RollingBack);

        table.Configure(Paused)
            .PermitResumeToPausedPhase()
            .Permit(Abort, RollingBack)
            .Permit(GateFailed, RollingBack)
            .Permit(StepFailed, RollingBack);

        table.Configure(RollingBack)
            .Permit(RollbackCompleted, RolledBack)
            .Permit(RollbackFailed, Failed);

        table.Configure(RolledBack)
            .Permit(Retry, Pending);

        table.Configure(Failed)
            .Permit(Abort, RollingBack)
            .Permit(Retry, Pending);

        table.Configure(Succeeded);

        table.Configure(Cancelled);

        return table.Transitions;
    }

    /// <summary>Renders the table as a Mermaid state diagram (the body of docs/rollout-states.md).</summary>
    public static string ToMermaid()
    {
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    [*] --> Pending\n");
        text.Append("    [*] --> Queued\n");
        foreach (var t in Table)
        {
            var label = t.Guard is null ? t.Trigger.ToString() : $"{t.Trigger} [{t.Guard.Description}]";
            text.Append("    ").Append(t.From).Append(" --> ").Append(t.To).Append(" : ").Append(label).Append('\n');
        }

        foreach (var terminal in Enum.GetValues<RolloutPhase>().Where(p => p.IsTerminal()))
        {
            text.Append("    ").Append(terminal).Append(" --> [*]\n");
        }

        return text.ToString();
    }

    /// <summary>Configures states one at a time, as Stateless does; each state may be configured only once.</summary>
    private sealed class TableBuilder
    {
        private readonly HashSet<RolloutPhase> _configured = [];

        public List<Transition> Transitions { get; } = [];

        public StateConfiguration Configure(RolloutPhase state)
        {
            if (!_configured.Add(state))
            {
                throw new InvalidOperationException($"{state} is configured twice");
            }

            return new StateConfiguration(state, Transitions);
        }
    }

    private sealed class StateConfiguration(RolloutPhase state, List<Transition> transitions)
    {
        public StateConfiguration Permit(RolloutTrigger trigger, RolloutPhase to, TransitionGuard? guard = null)
        {
            transitions.Add(new Transition(state, trigger, to, guard));
            return this;
        }

        /// <summary>An internal transition: the trigger is accepted and the state stays.</summary>
        public StateConfiguration PermitInternal(RolloutTrigger trigger) => Permit(trigger, state);

        /// <summary>The next step of the plan may be of any kind, so a progressing state may start any step.</summary>
        public StateConfiguration PermitStepStarts() => this
            .Permit(StartDeploy, DeployingCandidate)
            .Permit(StartSmokeTest, TestingCandidate)
            .Permit(StartShadow, Shadowing)
            .Permit(StartCanary, Canary)
            .Permit(StartPromotion, Promoted)
            .Permit(StartApproval, AwaitingApproval)
            .Permit(StartBaselineDeletion, DeletingBaseline);

        /// <summary>Humans may pause or abort any progressing state.</summary>
        public StateConfiguration PermitHumanHold() => this
            .Permit(Pause, Paused)
            .Permit(Abort, RollingBack);

        /// <summary>In a bake, gates may roll back, a human may end the bake early, and a step may fail.</summary>
        public StateConfiguration PermitBakeControl() => this
            .PermitInternal(Promote)
            .Permit(GateFailed, RollingBack)
            .Permit(StepFailed, RollingBack);

        /// <summary>Resume returns to the phase the rollout was paused from.</summary>
        public StateConfiguration PermitResumeToPausedPhase()
        {
            foreach (var phase in Enum.GetValues<RolloutPhase>().Where(p => p.IsPausable()))
            {
                Permit(Resume, phase, new TransitionGuard($"paused from {phase}", c => c.PausedFrom == phase));
            }

            return this;
        }
    }
}
