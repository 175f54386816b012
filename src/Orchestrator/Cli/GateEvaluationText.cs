using System.Globalization;
using Policies.Gates;

namespace Orchestrator.Cli;

/// <summary>A gate's verdict with its numbers, as the command line prints it (run, demo, rollouts get and watch).</summary>
internal static class GateEvaluationText
{
    /// <summary><c>p95-absolute Fail 612.4 vs 500 (n=240)</c>.</summary>
    public static string Describe(GateEvaluation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"{e.Gate} {e.Verdict}" + (e.Observed is { } o ? string.Create(CultureInfo.InvariantCulture, $" {o:0.##}") : "") +
            (e.Threshold is { } t ? string.Create(CultureInfo.InvariantCulture, $" vs {t:0.##}") : "") +
            string.Create(CultureInfo.InvariantCulture, $" (n={e.Samples})");
    }

    /// <summary>A round's evaluations on one line, separated by semicolons.</summary>
    public static string Describe(IEnumerable<GateEvaluation> evaluations) => string.Join("; ", evaluations.Select(Describe));
}
