namespace Policies.Gates;

/// <summary>Turns a history of gate-check rounds into one decision: continue, hold, or roll back. Pure.</summary>
/// <remarks>
/// Rules, in order (docs/gate-policies.md tells the same story):
/// <list type="number">
/// <item>Roll back when the failed rounds since the last passing round reach <see cref="GatePolicy.FailureLimit"/>.
/// Inconclusive rounds in between neither count nor reset the streak, so a flapping source cannot hide failures.</item>
/// <item>Roll back when no conclusive round (pass or fail) happened since max(step start, last conclusive round)
/// for longer than <see cref="GatePolicy.MaxBlind"/>.</item>
/// <item>Hold when there is no round yet, when the last round failed below the limit, or when it was inconclusive
/// or unavailable; alert once the trailing inconclusive rounds reach <see cref="GatePolicy.InconclusiveLimit"/>.</item>
/// <item>Continue only when the last round passed: missing data never promotes.</item>
/// </list>
/// Rounds from before the step started belong to an earlier step and are ignored.
/// </remarks>
public static class GateDecider
{
    /// <summary>Decides from the rounds of the current step, oldest first.</summary>
    /// <param name="policy">The limits.</param>
    /// <param name="rounds">Each round holds the evaluations of every gate at one check.</param>
    /// <param name="stepStartedAt">When the current step (its bake) started; blind time counts from here at most.</param>
    /// <param name="now">The decision time.</param>
    public static GateDecision Decide(GatePolicy policy, IReadOnlyList<GateRound> rounds, DateTimeOffset stepStartedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rounds);

        var step = rounds.Where(r => r.At >= stepStartedAt).OrderBy(r => r.At).ToList();
        var verdicts = step.Select(VerdictOf).ToList();
        var failureLimit = Math.Max(1, policy.FailureLimit);

        var failures = FailureStreak(verdicts);
        if (failures >= failureLimit)
        {
            var lastFailed = step[verdicts.LastIndexOf(GateVerdict.Fail)];
            return new(GateAction.RollBack, $"{Count(failures, "failed round")} since the last pass reached the failure limit of {failureLimit}: {Describe(lastFailed, GateVerdict.Fail)}");
        }

        var lastConclusive = verdicts.FindLastIndex(IsConclusive);
        var blindSince = lastConclusive < 0 ? stepStartedAt : step[lastConclusive].At;
        var blind = now - blindSince;
        if (blind > policy.MaxBlind)
        {
            var last = step.Count == 0 ? "no gate round was recorded" : $"last round: {Describe(step[^1], verdicts[^1])}";
            return new(GateAction.RollBack, $"blind for {Duration(blind)}, longer than the max blind time of {Duration(policy.MaxBlind)}, with no conclusive gate round; {last}");
        }

        if (step.Count == 0)
        {
            return new(GateAction.Hold, "no gate round yet in this step: waiting for evidence");
        }

        var latest = step[^1];
        switch (verdicts[^1])
        {
            case GateVerdict.Pass:
                return new(GateAction.Continue, $"all {Count(latest.Evaluations.Count, "gate")} passed: {Describe(latest, GateVerdict.Pass)}");
            case GateVerdict.Fail:
                return new(GateAction.Hold, $"{Count(failures, "failed round")} since the last pass, below the failure limit of {failureLimit}: {Describe(latest, GateVerdict.Fail)}");
            default:
                var inconclusive = verdicts.Count - 1 - lastConclusive;
                var alert = inconclusive >= Math.Max(1, policy.InconclusiveLimit);
                var limit = alert ? $"reached the inconclusive limit of {policy.InconclusiveLimit}" : $"below the inconclusive limit of {policy.InconclusiveLimit}";
                var blindLeft = Duration(policy.MaxBlind - blind);
                return new(GateAction.Hold, $"{Count(inconclusive, "round")} without a conclusive verdict, {limit}; holding, roll back in {blindLeft} unless evidence comes: {Describe(latest, verdicts[^1])}", alert);
        }
    }

    /// <summary>A round fails if any gate failed, else is unavailable or inconclusive if any gate was, else passes. An empty round is inconclusive: no evidence is never a pass.</summary>
    public static GateVerdict VerdictOf(GateRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var verdicts = round.Evaluations.Select(e => e.Verdict).ToList();
        if (verdicts.Contains(GateVerdict.Fail))
        {
            return GateVerdict.Fail;
        }

        if (verdicts.Contains(GateVerdict.SourceUnavailable))
        {
            return GateVerdict.SourceUnavailable;
        }

        return verdicts.Count == 0 || verdicts.Contains(GateVerdict.Inconclusive) ? GateVerdict.Inconclusive : GateVerdict.Pass;
    }

    private static bool IsConclusive(GateVerdict verdict) => verdict is GateVerdict.Pass or GateVerdict.Fail;

    /// <summary>Failed rounds since the last passing round; inconclusive rounds are skipped.</summary>
    private static int FailureStreak(List<GateVerdict> verdicts)
    {
        var streak = 0;
        for (var i = verdicts.Count - 1; i >= 0 && verdicts[i] != GateVerdict.Pass; i--)
        {
            streak += verdicts[i] == GateVerdict.Fail ? 1 : 0;
        }

        return streak;
    }

    /// <summary>The gates of a round that carry its verdict, each with its reason (for a pass: every gate).</summary>
    private static string Describe(GateRound round, GateVerdict verdict)
    {
        if (round.Evaluations.Count == 0)
        {
            return "the round evaluated no gate";
        }

        var telling = round.Evaluations.Where(e => e.Verdict == verdict).ToList();
        return string.Join("; ", (telling.Count == 0 ? round.Evaluations : telling).Select(e => $"gate '{e.Gate}' {Word(e.Verdict)}: {e.Reason}"));
    }

    private static string Word(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "passed",
        GateVerdict.Fail => "failed",
        GateVerdict.Inconclusive => "inconclusive",
        GateVerdict.SourceUnavailable => "unavailable",
        _ => verdict.ToString(),
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m{span.Seconds:00}s"
            : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s"
            : $"{GateMetricExtensions.FormatNumber(span.TotalSeconds)}s";
    }
}

/// <summary>The evaluations of every gate at one check.</summary>
public sealed record GateRound(DateTimeOffset At, IReadOnlyList<GateEvaluation> Evaluations);
