using Orchestrator.Rollouts;
using static Orchestrator.Rollouts.RolloutPhase;
using static Orchestrator.Rollouts.RolloutTrigger;

namespace Orchestrator.Rollouts.Tests;

/// <summary>
/// The lifecycle as the tests expect it, written out by hand from ARCHITECTURE.md and the issue rather than read
/// back from <see cref="RolloutStateMachine.Table"/>: a change to the table must be made here too, on purpose.
/// Resume is guarded (it returns to the phase paused from) and is covered separately.
/// </summary>
internal static class ExpectedTransitions
{
    private static readonly Dictionary<RolloutTrigger, RolloutPhase> StepStarts = new()
    {
        [StartDeploy] = DeployingCandidate,
        [StartSmokeTest] = TestingCandidate,
        [StartShadow] = Shadowing,
        [StartCanary] = Canary,
        [StartPromotion] = Promoted,
        [StartApproval] = AwaitingApproval,
        [StartBaselineDeletion] = DeletingBaseline,
    };

    private static readonly Dictionary<RolloutTrigger, RolloutPhase> NoStepStarts = [];

    public static IReadOnlyDictionary<RolloutPhase, IReadOnlyDictionary<RolloutTrigger, RolloutPhase>> Table { get; } =
        new Dictionary<RolloutPhase, IReadOnlyDictionary<RolloutTrigger, RolloutPhase>>
        {
            [Queued] = With(NoStepStarts, (Dequeue, Pending), (Abort, Cancelled)),
            [Pending] = With(StepStarts, (Abort, RollingBack), (StepFailed, RollingBack)),
            [DeployingCandidate] = With(StepStarts, (Pause, Paused), (Abort, RollingBack), (StepFailed, RollingBack)),
            [TestingCandidate] = With(StepStarts, (Pause, Paused), (Abort, RollingBack), (StepFailed, RollingBack)),
            [Shadowing] = With(StepStarts, (Pause, Paused), (Abort, RollingBack), (Promote, Shadowing), (GateFailed, RollingBack), (StepFailed, RollingBack)),
            [Canary] = With(StepStarts, (Pause, Paused), (Abort, RollingBack), (Promote, Canary), (GateFailed, RollingBack), (StepFailed, RollingBack)),
            [Promoted] = With(StepStarts, (Pause, Paused), (Abort, RollingBack), (Promote, Promoted), (GateFailed, RollingBack), (StepFailed, RollingBack), (Complete, Succeeded)),
            [AwaitingApproval] = With(StepStarts, (Pause, Paused), (Abort, RollingBack), (Approve, AwaitingApproval), (GateFailed, RollingBack), (Complete, Succeeded)),
            [DeletingBaseline] = With(NoStepStarts, (Complete, Succeeded), (StepFailed, RollingBack), (Abort, RollingBack)),
            [Paused] = With(NoStepStarts, (Abort, RollingBack), (GateFailed, RollingBack), (StepFailed, RollingBack)),
            [RollingBack] = With(NoStepStarts, (RollbackCompleted, RolledBack), (RollbackFailed, Failed)),
            [RolledBack] = With(NoStepStarts, (Retry, Pending)),
            [Failed] = With(NoStepStarts, (Abort, RollingBack), (Retry, Pending)),
            [Succeeded] = With(NoStepStarts),
            [Cancelled] = With(NoStepStarts),
        };

    /// <summary>The phases a rollout may be paused from, hence the targets of a guarded Resume.</summary>
    public static IReadOnlyList<RolloutPhase> Pausable { get; } =
        [DeployingCandidate, TestingCandidate, Shadowing, Canary, Promoted, AwaitingApproval];

    private static Dictionary<RolloutTrigger, RolloutPhase> With(
        IEnumerable<KeyValuePair<RolloutTrigger, RolloutPhase>> common,
        params (RolloutTrigger Trigger, RolloutPhase To)[] more)
    {
        var map = new Dictionary<RolloutTrigger, RolloutPhase>(common);
        foreach (var (trigger, to) in more)
        {
            map.Add(trigger, to);
        }

        return map;
    }
}
