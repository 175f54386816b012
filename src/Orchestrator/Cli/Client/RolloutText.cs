using System.Globalization;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.GetRollout;
using Orchestrator.Features.Rollouts.GetRolloutAudit;
using Orchestrator.Rollouts;
using Policies.Documents;
using ApiRolloutSummary = Orchestrator.Features.Rollouts.ListRollouts.RolloutSummary;
using RolloutList = Orchestrator.Features.Rollouts.ListRollouts.RolloutList;

namespace Orchestrator.Cli.Client;

/// <summary>The API's rollouts for people: compact lines for one rollout, tables for lists, gate rounds and the audit log.</summary>
internal static class RolloutText
{
    /// <summary><c>2026-01-01 00:21:00Z</c>: UTC, seconds, no fraction.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>4/6 traffic</c> (1-based), <c>-/6</c> before the first step.</summary>
    public static string Step(ApiRolloutSummary rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.StepIndex < 0
            ? $"-/{rollout.StepCount}"
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Min(rollout.StepIndex + 1, rollout.StepCount)}/{rollout.StepCount}") + (rollout.StepKind is { } kind ? $" {kind}" : "");
    }

    /// <summary><c>blue 90%, green 10%; mirror green 10%</c> (<c>none</c> for an empty side).</summary>
    public static string Split(TrafficView traffic)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        return $"{Percents(traffic.Live)}; mirror {Percents(traffic.Mirror)}";
    }

    /// <summary>The actual split, or why it is unknown.</summary>
    public static string Actual(ActualTrafficView actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        return actual is { Known: true, Traffic: { } traffic } ? Split(traffic) : $"unknown ({actual.Reason})";
    }

    /// <summary>A gate round on one line: overall verdict, then each gate with its numbers.</summary>
    public static string Round(GateRoundView round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return string.Create(CultureInfo.InvariantCulture, $"{round.Verdict} at {Time(round.At)} (step {round.StepIndex + 1} {round.StepKind}): ")
            + (round.Evaluations.Count == 0 ? "no gate judged anything" : GateEvaluationText.Describe(round.Evaluations));
    }

    /// <summary>
    /// An audit entry on one line: <c>GateFailed Canary → RollingBack at 2026-01-01 00:02:00Z by scheduler (system via
    /// Scheduler): reason</c>; a refused action names the state it was refused in.
    /// </summary>
    public static string Entry(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var change = (entry.FromState, entry.ToState) switch
        {
            ({ } from, { } to) => $" {from} → {to}",
            (null, { } to) => $" → {to}",
            ({ } from, null) => $" in {from}",
            _ => "",
        };
        return $"{entry.Action}{change} at {Time(entry.At)} by {entry.Actor} ({entry.Role} via {entry.Source})"
            + (entry.Reason is null ? "" : $": {ProblemLine.OneLine(entry.Reason)}");
    }

    /// <summary>The answer of an action or a submit: one line.</summary>
    public static string Outcome(string verb, ApiRolloutSummary rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var queued = rollout.QueuedBehind is { } behind ? $", queued behind {behind}" : "";
        return $"{verb}: rollout {rollout.Id} on {rollout.EndpointKey} is {rollout.State} (step {Step(rollout)}{queued})";
    }

    /// <summary>One rollout in full, a field per line.</summary>
    public static void Print(RolloutView view, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Rollout   {view.Id}  {view.EndpointKey}  {view.Baseline} → {view.Candidate}");
        output.WriteLine($"Submitted {Time(view.CreatedAt)} by {view.SubmittedBy}" + (view.Attempt > 0 ? string.Create(CultureInfo.InvariantCulture, $", retried {view.Attempt}×") : ""));
        output.WriteLine($"State     {view.State}" + (view.PausedFrom is { } from ? $" (from {from})" : "") + (view.QueuedBehind is { } behind ? $" behind {behind}" : "") + $", updated {Time(view.UpdatedAt)}");
        output.WriteLine($"Step      {Step(view)}{StepDetail(view)}");
        output.WriteLine($"Desired   {Split(view.DesiredTraffic)}");
        output.WriteLine($"Actual    {Actual(view.ActualTraffic)}");
        output.WriteLine($"Gates     {(view.LastGateRound is { } round ? Round(round) : "not run yet")}");
        if (view.RollbackReason is { } rollback)
        {
            output.WriteLine($"Rollback  {rollback}");
        }

        if (view.FailureReason is { } failure)
        {
            output.WriteLine($"Failure   {failure}");
        }

        output.WriteLine($"Actions   {(view.PermittedActions.Count == 0 ? "none" : string.Join(", ", view.PermittedActions))}");
    }

    /// <summary>The list as a table, newest first.</summary>
    public static void PrintList(RolloutList list, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(list);
        TextTable.Write(output, ["ID", "ENDPOINT", "STATE", "STEP", "SUBMITTED BY", "UPDATED"], list.Rollouts.Select(r =>
            (IReadOnlyList<string>)[r.Id.ToString(), r.EndpointKey, r.State.ToString(), Step(r), r.SubmittedBy, Time(r.UpdatedAt)]));
    }

    /// <summary>Gate history as a table: one row per gate of each round.</summary>
    public static void PrintGates(GateHistory history, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(history);
        TextTable.Write(output, ["AT", "STEP", "ROUND", "GATE", "VERDICT", "OBSERVED", "BASELINE", "THRESHOLD", "SAMPLES", "REASON"], history.Rounds.SelectMany(round =>
            round.Evaluations.Select(e => (IReadOnlyList<string>)[
                Time(round.At), string.Create(CultureInfo.InvariantCulture, $"{round.StepIndex + 1} {round.StepKind}"), round.Verdict.ToString(), e.Gate, e.Verdict.ToString(),
                Number(e.Observed), Number(e.Baseline), Number(e.Threshold), e.Samples.ToString(CultureInfo.InvariantCulture), ProblemLine.OneLine(e.Reason)])));
    }

    /// <summary>The audit log as a table, oldest first.</summary>
    public static void PrintAudit(AuditLog log, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(log);
        TextTable.Write(output, ["AT", "ACTOR", "ROLE", "SOURCE", "ACTION", "STATE", "REASON"], log.Events.Select(e => (IReadOnlyList<string>)[
            Time(e.At), e.Actor, e.Role, e.Source.ToString(), e.Action,
            e.FromState is null && e.ToState is null ? "" : $"{e.FromState?.ToString() ?? "-"} → {e.ToState?.ToString() ?? "-"}",
            e.Reason is null ? "" : ProblemLine.OneLine(e.Reason)]));
    }

    private static string StepDetail(RolloutView view)
    {
        var step = view.StepIndex >= 0 && view.StepIndex < view.Steps.Count ? view.Steps[view.StepIndex] : null;
        var percent = step?.Percent is { } p ? string.Create(CultureInfo.InvariantCulture, $" {p}%") : "";
        // A bake matters only while it runs (or is held); a finished rollout still reports its last step's bake time.
        var bake = view.BakeTime is { } total && (view.State.IsBaking() || view.State == RolloutPhase.Paused)
            ? $", bake {(view.BakeRemaining is { } left ? Seconds(left) : "?")} left of {Seconds(total)}"
            : "";
        return percent + bake;
    }

    /// <summary><c>blue 90%, green 10%</c>, or <c>none</c> for an empty split.</summary>
    public static string Percents(IReadOnlyDictionary<string, int> split) =>
        split.Count == 0 ? "none" : string.Join(", ", split.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value}%")));

    private static string Seconds(TimeSpan duration) => DurationText.Format(TimeSpan.FromSeconds(Math.Floor(duration.TotalSeconds)));

    private static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}
