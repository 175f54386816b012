using Policies.Gates;

namespace Orchestrator.Features.Rollouts.GetGateHistory;

/// <summary>One gate-check round: every gate's verdict with its evidence, at one time, during one step.</summary>
/// <param name="StepIndex">The step the round belongs to.</param>
/// <param name="StepKind">That step's kind.</param>
/// <param name="At">When the round ran.</param>
/// <param name="Verdict">The round as a whole: Fail if any gate failed, else SourceUnavailable or Inconclusive if any was, else Pass.</param>
/// <param name="Evaluations">Each gate's verdict with observed value, baseline, threshold, samples and window.</param>
public sealed record GateRoundView(int StepIndex, string StepKind, DateTimeOffset At, GateVerdict Verdict, IReadOnlyList<GateEvaluation> Evaluations)
{
    /// <summary>The view of a stored round.</summary>
    public static GateRoundView From(int stepIndex, string stepKind, GateRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return new GateRoundView(stepIndex, stepKind, round.At, Overall(round.Evaluations), round.Evaluations);
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
