using Microsoft.Extensions.Logging;
using Orchestrator.Dispatching;
using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.RecordGateRound;
using Orchestrator.Metrics;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Execution;

/// <summary>
/// One gate check of one rollout: query every gate's metric for the candidate (and the baseline for relative
/// gates), evaluate, record the round through the dispatcher, and roll back at once when the decision says so.
/// Returns when to check next, or null when the rollout needs no more checks.
/// </summary>
public sealed partial class GateRoundRunner(
    IRolloutStore store,
    ISender sender,
    IMetricSourceFactory metricSources,
    RollbackApplier rollback,
    TimeProvider clock,
    ILogger<GateRoundRunner> logger)
{
    /// <summary>Checks the rollout's gates if it is in a phase they watch.</summary>
    public async Task<DateTimeOffset?> CheckAsync(Guid rolloutId, CancellationToken cancellationToken = default)
    {
        var rollout = await store.GetAsync(rolloutId, cancellationToken);
        if (rollout is null || rollout.Phase.IsTerminal())
        {
            return null;
        }

        if (rollout.Phase == RolloutPhase.RollingBack)
        {
            // The rollback is under way (the tick retries it too); checking gates would judge a state being undone.
            return await rollback.ApplyAsync(rollout, cancellationToken) is null ? null : clock.GetUtcNow() + rollout.Plan.Policy.Interval;
        }

        var interval = rollout.Plan.Policy.Interval;
        if (!IsWatched(rollout))
        {
            // Gates only judge while the candidate takes live or mirrored traffic.
            return clock.GetUtcNow() + interval;
        }

        var round = await MeasureAsync(rollout, cancellationToken);
        var decision = await sender.SendAsync(new RecordGateRoundCommand(rollout.Id, rollout.StepIndex, round, Actor.Scheduler), cancellationToken);
        Log.Round(logger, rollout.Id, rollout.StepIndex, decision.Action, decision.Reason);
        if (decision.Action == GateAction.RollBack)
        {
            // Invariant 4: a failed gate starts the rollback at once, not at the next tick.
            var rollingBack = await store.GetAsync(rollout.Id, cancellationToken);
            if (rollingBack is not null)
            {
                await rollback.ApplyAsync(rollingBack, cancellationToken);
            }
        }

        return clock.GetUtcNow() + interval;
    }

    /// <summary>True when the candidate carries traffic in the current step (paused or waiting for approval included).</summary>
    public static bool IsWatched(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        if (rollout.StepIndex < 0 || rollout.CurrentStep is null || rollout.Phase is RolloutPhase.Pending or RolloutPhase.DeletingBaseline)
        {
            return false;
        }

        var split = DesiredState.DesiredEndpointState(rollout.Plan, rollout.StepIndex);
        var candidate = rollout.Plan.Candidate.Name;
        return split.LiveOf(candidate) > 0 || split.MirrorOf(candidate) > 0;
    }

    private async Task<GateRound> MeasureAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var plan = rollout.Plan;
        var source = metricSources.Create(plan.Target);
        var now = clock.GetUtcNow();

        // After promotion the baseline serves nothing; relative gates compare with its last live window instead.
        var baselineLive = DesiredState.DesiredEndpointState(plan, rollout.StepIndex).LiveOf(plan.Baseline.Name) > 0;
        var baselineEnd = baselineLive ? now : rollout.StepStartedAt;

        var evaluations = new List<GateEvaluation>(plan.Policy.Gates.Count);
        foreach (var gate in plan.Policy.Gates)
        {
            // A step is judged on its own traffic where the source can: the window starts no earlier than the step
            // (or its restarted bake). Before it the candidate carried another split, or was another deployment of the
            // same name (re-created after a rollback deleted it), and seconds before the step would count as seconds
            // without requests, under-stating request_rate. While the baseline serves, it is read over the same window.
            var start = source.AnswersExactWindows ? Later(now - gate.Window, rollout.StepStartedAt) : now - gate.Window;
            var candidate = await QueryAsync(source, new MetricQuery(plan.Candidate.Name, gate.Metric, start, now), cancellationToken);
            var baselineStart = baselineLive ? start : baselineEnd - gate.Window;
            var baseline = gate.Threshold.NeedsBaseline
                ? await QueryAsync(source, new MetricQuery(plan.Baseline.Name, gate.Metric, baselineStart, baselineEnd), cancellationToken)
                : null;
            evaluations.Add(GateEvaluator.Evaluate(gate, candidate, baseline, start, now));
        }

        return new GateRound(now, evaluations);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static async Task<MetricReading> QueryAsync(IMetricSource source, MetricQuery query, CancellationToken cancellationToken)
    {
        if (query.End <= query.Start)
        {
            // A round at the very instant its step began: nothing of the step to read yet (never a pass).
            return MetricReading.NoData;
        }

        try
        {
            return await source.QueryAsync(query, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An outage is a verdict (SourceUnavailable), never an exception out of the job.
            return MetricReading.Unavailable(e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.GateRound, Level = LogLevel.Information, Message = "Rollout {RolloutId} step {StepIndex} gates: {Action}: {Reason}")]
        public static partial void Round(ILogger logger, Guid rolloutId, int stepIndex, GateAction action, string reason);
    }
}
