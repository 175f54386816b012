using Orchestrator.Endpoints;
using Orchestrator.Rollouts;
using Policies.Gates;
using Tests.Common.Crashes;

namespace Orchestrator.Execution.Tests;

/// <summary>
/// Invariant 5, checked over one run's whole history (before and after the crash), and a crashed run compared with
/// the uncrashed one. Each check returns sentences naming what went wrong; none means the run holds.
/// </summary>
/// <remarks>
/// "Applied twice in a way that matters" means: a deployment created again after it was deleted, a put of a
/// deployment with a spec other than its first put's, a deployment deleted twice while it existed, or a transition
/// stored twice (the audit would show it). Repeating an idempotent call is fine: the same split set again, the same
/// spec put again, a delete of a deployment already gone (both real targets answer it as done), a smoke test
/// invoked again, a gate round measured again.
/// </remarks>
public static class CrashRunChecks
{
    /// <summary>What must hold in any run, crashed or not.</summary>
    public static IEnumerable<string> Invariants(CrashScenario scenario, CrashRunOutcome run)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(run);
        var (blue, green) = (scenario.Plan.Baseline.Name, scenario.Plan.Candidate.Name);
        if (run.Swallowed)
        {
            yield return "the product caught the crash and carried on as if a call had failed";
        }

        if (!run.Rollout.Phase.IsTerminal())
        {
            yield return $"the rollout did not finish: {run.Rollout.Phase} at step {run.Rollout.StepIndex}";
        }

        foreach (var split in run.TrafficHistory.Where(t => t.LiveTotal is not (0 or 100)))
        {
            yield return $"traffic summed to {split.LiveTotal}: {split}";
        }

        var traffic = run.Journal.Where(e => e.Kind == SideEffectKind.SetTraffic).ToList();
        foreach (var update in traffic)
        {
            var served = update.Traffic!.Live.Where(p => p.Value > 0).Concat(update.Traffic.Mirror.Where(p => p.Value > 0)).Select(p => p.Key);
            foreach (var unprovisioned in served.Where(d => !update.Provisioned.Contains(d, StringComparer.OrdinalIgnoreCase)))
            {
                yield return $"traffic {update.Traffic} went to {unprovisioned}, which was not provisioned";
            }
        }

        foreach (var problem in BaselineDeletions(run, blue, green))
        {
            yield return problem;
        }

        if (run.Journal.FirstOrDefault(e => e.Phase == RolloutPhase.RollingBack) is { } rollback)
        {
            foreach (var update in traffic.Where(t => t.Sequence > rollback.Sequence && t.Traffic!.LiveOf(green) > 0))
            {
                yield return $"after the rollback started, green took live traffic again: {update.Traffic}";
            }
        }

        foreach (var problem in AppliedTwice(run).Concat(LostTransitions(run.Audit)))
        {
            yield return problem;
        }
    }

    /// <summary>What a crashed run must share with the uncrashed one.</summary>
    public static IEnumerable<string> SameEnd(CrashRunOutcome expected, CrashRunOutcome actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (actual.Rollout.Phase != expected.Rollout.Phase)
        {
            yield return $"ended {actual.Rollout.Phase}, the uncrashed run {expected.Rollout.Phase}";
        }

        if (!actual.Traffic.Equals(expected.Traffic))
        {
            yield return $"final traffic {actual.Traffic}, the uncrashed run {expected.Traffic}";
        }

        if (!actual.Deployments.SequenceEqual(expected.Deployments))
        {
            yield return $"final deployments [{string.Join(", ", actual.Deployments)}], the uncrashed run [{string.Join(", ", expected.Deployments)}]";
        }

        if ((actual.Rollout.RollbackReason is null) != (expected.Rollout.RollbackReason is null))
        {
            yield return $"rollback reason '{actual.Rollout.RollbackReason}', the uncrashed run '{expected.Rollout.RollbackReason}'";
        }

        // The same path: the same distinct splits in the same order (a split set again after the crash is one step).
        var (path, expectedPath) = (Path(actual.TrafficHistory), Path(expected.TrafficHistory));
        if (!path.SequenceEqual(expectedPath))
        {
            yield return $"traffic path {string.Join(" → ", path)}, the uncrashed run {string.Join(" → ", expectedPath)}";
        }

        var (transitions, expectedTransitions) = (Transitions(actual.Audit), Transitions(expected.Audit));
        if (!transitions.SequenceEqual(expectedTransitions))
        {
            yield return $"transitions {string.Join(", ", transitions)}, the uncrashed run {string.Join(", ", expectedTransitions)}";
        }
    }

    /// <summary>Invariant 2: blue goes only after green held 100% through a bake whose last gate round passed.</summary>
    private static IEnumerable<string> BaselineDeletions(CrashRunOutcome run, string blue, string green)
    {
        foreach (var deletion in run.Journal.Where(e => e.Kind == SideEffectKind.DeleteDeployment && e.Existed && string.Equals(e.Deployment, blue, StringComparison.OrdinalIgnoreCase)))
        {
            var before = run.Journal.Where(e => e.Sequence < deletion.Sequence).ToList();
            var splits = before.Where(e => e.Kind == SideEffectKind.SetTraffic).Reverse().TakeWhile(e => e.Traffic!.Equals(TrafficSplit.AllTo(green))).ToList();
            if (splits.Count == 0)
            {
                yield return $"{blue} was deleted while green did not hold 100%";
                continue;
            }

            var since = splits[^1];
            var held = deletion.At - since.At;
            var rounds = before.Where(e => e.Sequence > since.Sequence && e.Verdict is not null).ToList();
            if (held < CrashScenario.Bake || rounds.Count == 0 || rounds[^1].Verdict != GateVerdict.Pass)
            {
                yield return $"{blue} was deleted after green held 100% for {held} with {rounds.Count} gate round(s), the last {rounds.LastOrDefault()?.Verdict}";
            }
        }
    }

    private static IEnumerable<string> AppliedTwice(CrashRunOutcome run)
    {
        foreach (var deployment in run.Journal.Where(e => e.Deployment is not null).GroupBy(e => e.Deployment!, StringComparer.OrdinalIgnoreCase))
        {
            var puts = deployment.Where(e => e.Kind == SideEffectKind.PutDeployment).ToList();
            if (puts.Select(p => p.SpecJson).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                yield return $"{deployment.Key} was put with different specs";
            }

            var deletions = deployment.Where(e => e.Kind == SideEffectKind.DeleteDeployment && e.Existed).ToList();
            if (deletions.Count > 1)
            {
                yield return $"{deployment.Key} was deleted {deletions.Count} times";
            }

            if (deletions.Count > 0 && puts.Any(p => p.Sequence > deletions[0].Sequence))
            {
                yield return $"{deployment.Key} was created again after it was deleted";
            }
        }
    }

    /// <summary>Each stored transition starts where the one before it ended: none was lost.</summary>
    private static IEnumerable<string> LostTransitions(IReadOnlyList<AuditEvent> audit)
    {
        RolloutPhase? previous = null;
        foreach (var change in audit.Where(a => a.ToState is not null))
        {
            if (change.FromState != previous)
            {
                yield return $"audit {change.Action} {change.FromState}→{change.ToState} follows a transition that ended in {previous?.ToString() ?? "nothing"}";
            }

            previous = change.ToState;
        }
    }

    private static List<string> Transitions(IReadOnlyList<AuditEvent> audit) =>
        [.. audit.Where(a => a.ToState is not null).Select(a => $"{a.Action} {a.FromState}→{a.ToState}")];

    private static List<TrafficSplit> Path(IReadOnlyList<TrafficSplit> history) =>
        [.. history.Where((split, i) => i == 0 || !split.Equals(history[i - 1]))];
}
