using Policies.Gates;

namespace Orchestrator.Cli;

/// <summary>
/// Why a local rollout without traffic rolled back, in words that point at the fix: the gates' own reasons
/// ("2 failed rounds … min-traffic …", "blind for 1m …") are exact but do not say that nobody sent requests.
/// </summary>
internal static class NoTrafficHint
{
    /// <summary>
    /// The hint when every verdict of the deciding gate round that did not pass was about missing traffic — too few
    /// samples (Inconclusive) or a failed request-rate gate such as <c>min-traffic</c>; null otherwise (a real
    /// failure, an unavailable metric source, no round at all).
    /// </summary>
    public static string? For(IReadOnlyList<GateEvaluation> decidingRound, Uri scoringUri)
    {
        ArgumentNullException.ThrowIfNull(decidingRound);
        var notPassed = decidingRound.Where(e => e.Verdict != GateVerdict.Pass).ToList();
        if (notPassed.Count == 0 || !notPassed.All(IsAboutMissingTraffic))
        {
            return null;
        }

        return $"no traffic reached the endpoint: pass --traffic or send requests to {scoringUri}";
    }

    private static bool IsAboutMissingTraffic(GateEvaluation evaluation) =>
        evaluation.Verdict == GateVerdict.Inconclusive ||
        (evaluation.Verdict == GateVerdict.Fail && evaluation.Metric == GateMetric.RequestRate);
}
