using Orchestrator.Persistence;
using Policies.Gates;

namespace Orchestrator.Features.Rollouts.GetGateHistory;

/// <summary>One gate-check round: every gate's verdict with its evidence, at one time, during one step.</summary>
/// <param name="Sequence">Its place in the history: greater than every earlier round's (not consecutive); the feed's cursor.</param>
/// <param name="StepIndex">The step the round belongs to.</param>
/// <param name="StepKind">That step's kind.</param>
/// <param name="At">When the round ran.</param>
/// <param name="Verdict">The round as a whole: Fail if any gate failed, else SourceUnavailable or Inconclusive if any was, else Pass.</param>
/// <param name="Evaluations">Each gate's verdict with observed value, baseline, threshold, samples and window.</param>
public sealed record GateRoundView(long Sequence, int StepIndex, string StepKind, DateTimeOffset At, GateVerdict Verdict, IReadOnlyList<GateEvaluation> Evaluations)
{
    /// <summary>The view of a stored round.</summary>
    public static GateRoundView From(SequencedGateRound stored, string stepKind)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var round = stored.Round;
        return new GateRoundView(stored.Sequence, stored.StepIndex, stepKind, round.At, Overall(round.Evaluations), round.Evaluations);
    }

    private static GateVerdict Overall(IReadOnlyList<GateEvaluation> evaluations)
    {
        if (evaluations.Count == 0)
        {
            // No gate judged anything: that is no evidence, never a pass.
            return GateVerdict.Inconclusive;
        }

        var verdicts = evaluations.Select(e => e.Verdict).ToHashSet();
        return verdicts.Contains(GateVerdict.Fail) ? GateVerdict.Fail
            : verdicts.Contains(GateVerdict.SourceUnavailable) ? GateVerdict.SourceUnavailable
            : verdicts.Contains(GateVerdict.Inconclusive) ? GateVerdict.Inconclusive
            : GateVerdict.Pass;
    }
}
