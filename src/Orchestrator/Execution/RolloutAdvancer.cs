using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Dispatching;
using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.BeginRollback;
using Orchestrator.Features.Rollouts.RestartBake;
using Orchestrator.Features.Rollouts.StartStep;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets;
using Policies.Gates;

namespace Orchestrator.Execution;

/// <summary>
/// One tick of one rollout: read the actual endpoint, compare with the desired state of the current step, make
/// one idempotent update, and advance when the step is done. Every state change goes through the dispatcher.
/// Returns when the tick must run next, or null when the rollout needs no more ticks.
/// </summary>
public sealed partial class RolloutAdvancer(
    IRolloutStore store,
    ISender sender,
    IEndpointTargetFactory targets,
    RollbackApplier rollback,
    SmokeTestRunner smokeTests,
    TimeProvider clock,
    IOptions<ExecutionOptions> options,
    ILogger<RolloutAdvancer> logger)
{
    /// <summary>Advances the rollout as far as it can go now.</summary>
    public async Task<DateTimeOffset?> AdvanceAsync(Guid rolloutId, CancellationToken cancellationToken = default)
    {
        var rollout = await store.GetAsync(rolloutId, cancellationToken);
        if (rollout is null || rollout.Phase.IsTerminal())
        {
            // Nothing left to do: the job's trigger is removed.
            return null;
        }

        if (rollout.Phase == RolloutPhase.Queued)
        {
            // Waiting for the endpoint: it has no jobs until StartQueuedRollout starts it (and wakes it).
            return null;
        }

        if (rollout.Phase == RolloutPhase.RollingBack)
        {
            return await rollback.ApplyAsync(rollout, cancellationToken);
        }

        var target = targets.Create(rollout.Plan.Target);
        try
        {
            return rollout.Phase switch
            {
                RolloutPhase.Pending => await PrepareEndpointAsync(rollout, target, cancellationToken),
                RolloutPhase.Paused => await HoldSplitAsync(rollout, target, cancellationToken),
                _ => await ReconcileStepAsync(rollout, target, cancellationToken),
            };
        }
        catch (Exception e) when (e is DeploymentFailedException or EndpointRuleViolationException or TimeoutException)
        {
            // The step cannot be carried out as planned: roll back.
            Log.StepFailed(logger, rollout.Id, rollout.StepIndex, e.Message);
            await sender.SendAsync(new BeginRollbackCommand(rollout.Id, RolloutTrigger.StepFailed, StepFailure(rollout, e), Actor.Scheduler), cancellationToken);
            return clock.GetUtcNow();
        }
        catch (Exception e) when (e is not OperationCanceledException and not InvalidRolloutTransitionException)
        {
            // A transient target error (unreachable, 5xx): nothing changed; try again shortly.
            Log.TargetUnavailable(logger, rollout.Id, e.Message);
            return clock.GetUtcNow() + options.Value.RetryBackoff;
        }
    }

    private async Task<DateTimeOffset?> PrepareEndpointAsync(Rollout rollout, IEndpointTarget target, CancellationToken cancellationToken)
    {
        var plan = rollout.Plan;
        var state = await target.GetStateAsync(cancellationToken);
        if (state?.Deployment(plan.Baseline.Name) is null)
        {
            if (plan.Baseline.Spec is null)
            {
                var what = state is null ? $"endpoint {plan.Target.Endpoint}" : $"baseline deployment {plan.Baseline.Name}";
                throw new DeploymentFailedException($"{what} does not exist and the plan carries no baseline spec to create it");
            }

            // From nothing, as the walkthrough begins: the endpoint, then the baseline at 100%.
            await target.EnsureEndpointAsync(cancellationToken);
            await target.PutDeploymentAsync(plan.Baseline.Name, plan.Baseline.Spec, cancellationToken);
            await target.SetTrafficAsync(TrafficSplit.AllTo(plan.Baseline.Name), cancellationToken);
            return await StartStepAsync(rollout, 0, $"created endpoint {plan.Target.Endpoint} with {plan.Baseline.Name} at 100%", cancellationToken);
        }

        return await StartStepAsync(rollout, 0, $"baseline {plan.Baseline.Name} found", cancellationToken);
    }

    private async Task<DateTimeOffset?> HoldSplitAsync(Rollout rollout, IEndpointTarget target, CancellationToken cancellationToken)
    {
        // Paused holds the current split (repairing drift) and does not advance; the gate job keeps watching.
        if (rollout.StepIndex >= 0)
        {
            await ReconcileTrafficAsync(rollout, target, cancellationToken);
        }

        return clock.GetUtcNow() + rollout.Plan.Policy.Interval;
    }

    private async Task<DateTimeOffset?> ReconcileStepAsync(Rollout rollout, IEndpointTarget target, CancellationToken cancellationToken)
    {
        var plan = rollout.Plan;
        if (await ReconcileTrafficAsync(rollout, target, cancellationToken) && rollout.CurrentStep is RolloutStep.Mirror or RolloutStep.Traffic
            && clock.GetUtcNow() - rollout.StepStartedAt > plan.Policy.Interval)
        {
            // The step's split was only now put in place, long after the step was stored (the service died in between,
            // or the endpoint drifted): the candidate has not held it, so its bake counts from now (invariant 2).
            rollout = await sender.SendAsync(new RestartBakeCommand(rollout.Id, rollout.StepIndex, $"the split of step {rollout.StepIndex + 1} was only now applied", Actor.Scheduler), cancellationToken);
        }

        return rollout.CurrentStep switch
        {
            RolloutStep.Deploy => await DeployCandidateAsync(rollout, target, cancellationToken),
            RolloutStep.Scale s => await ScaleAsync(rollout, target, s, cancellationToken),
            RolloutStep.SmokeTest t => await SmokeTestAsync(rollout, target, t, cancellationToken),
            RolloutStep.Mirror or RolloutStep.Traffic => await BakeAsync(rollout, cancellationToken),
            RolloutStep.Approval => rollout.Approved
                ? await StartStepAsync(rollout, rollout.StepIndex + 1, "approved", cancellationToken)
                : clock.GetUtcNow() + options.Value.ApprovalRecheck,
            RolloutStep.DeleteBaseline => await DeleteBaselineAsync(rollout, target, cancellationToken),
            null => await StartStepAsync(rollout, plan.Steps.Count, "all steps done", cancellationToken),
            _ => throw new UnreachableException($"step kind {rollout.CurrentStep.GetType().Name}"),
        };
    }

    /// <summary>Moves the endpoint to the step's split; true when it had to change it.</summary>
    private async Task<bool> ReconcileTrafficAsync(Rollout rollout, IEndpointTarget target, CancellationToken cancellationToken)
    {
        var desired = DesiredState.DesiredEndpointState(rollout.Plan, rollout.StepIndex);
        var state = await target.GetStateAsync(cancellationToken)
            ?? throw new DeploymentFailedException($"endpoint {rollout.Plan.Target.Endpoint} no longer exists");
        if (state.Traffic.Equals(desired))
        {
            // Already there (the usual case on every tick after the first): no write.
            return false;
        }

        if (MirrorResetFirst(state.Traffic, desired) is { } reset)
        {
            // As the walkthrough does (reset_mirror_traffic, then green_10pct_traffic): a deployment that is mirrored
            // now gives up its mirror in an update of its own before it takes live traffic.
            await target.SetTrafficAsync(reset, cancellationToken);
            Log.TrafficReconciled(logger, rollout.Id, state.Traffic, reset);
        }

        await target.SetTrafficAsync(desired, cancellationToken);
        Log.TrafficReconciled(logger, rollout.Id, state.Traffic, desired);
        return true;
    }

    /// <summary>The actual live split with the desired mirror, when a deployment mirrored now is to take live traffic.</summary>
    private static TrafficSplit? MirrorResetFirst(TrafficSplit actual, TrafficSplit desired) =>
        desired.Live.Any(d => d.Value > 0 && actual.MirrorOf(d.Key) > 0) ? TrafficSplit.Create(actual.Live, desired.Mirror) : null;

    private async Task<DateTimeOffset?> DeployCandidateAsync(Rollout rollout, IEndpointTarget target, CancellationToken cancellationToken)
    {
        var candidate = rollout.Plan.Candidate;
        await target.PutDeploymentAsync(candidate.Name, candidate.Spec, cancellationToken);
        return await StartStepAsync(rollout, rollout.StepIndex + 1, $"{candidate.Name} deployed ({candidate.Spec.InstanceCount} instance(s)) at 0%", cancellationToken);
    }

    private async Task<DateTimeOffset?> ScaleAsync(Rollout rollout, IEndpointTarget target, RolloutStep.Scale step, CancellationToken cancellationToken)
    {
        await target.ScaleDeploymentAsync(step.Deployment, step.InstanceCount, cancellationToken);
        return await StartStepAsync(rollout, rollout.StepIndex + 1, $"{step.Deployment} scaled to {step.InstanceCount}", cancellationToken);
    }

    private async Task<DateTimeOffset?> SmokeTestAsync(Rollout rollout, IEndpointTarget target, RolloutStep.SmokeTest step, CancellationToken cancellationToken)
    {
        var outcome = await smokeTests.RunAsync(target, rollout.Plan.Candidate.Name, step, cancellationToken);
        return outcome.Passed
            ? await StartStepAsync(rollout, rollout.StepIndex + 1, outcome.Description, cancellationToken)
            : throw new DeploymentFailedException(outcome.Description);
    }

    private async Task<DateTimeOffset?> BakeAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var bakeEnds = rollout.StepStartedAt + rollout.CurrentStep!.BakeTime;
        if (now < bakeEnds && !rollout.BakeEndRequested)
        {
            // Still baking: the gate job watches meanwhile; come back when the bake is over.
            return bakeEnds;
        }

        // Time is up (or a human promoted): the gates must agree. Missing data never counts as a pass.
        var rounds = await store.GetDecidingGateRoundsAsync(rollout.Id, rollout.StepIndex, cancellationToken);
        var interval = rollout.Plan.Policy.Interval;
        var evidenceSince = rounds.Count > 0 ? rounds[^1].At : rollout.StepStartedAt;
        if (GateRoundRunner.IsWatched(rollout) && evidenceSince < now - (2 * interval))
        {
            // No gate round for two intervals in a step the gates watch: the checks were not running (the service
            // was down). Deciding now would promote on a pass nobody re-checked, or roll back for a blindness that was
            // the service's own (invariant 5). The gate check, woken at start-up, measures first and judges blindness.
            return now + interval;
        }

        var decision = GateDecider.Decide(rollout.Plan.Policy, rounds, rollout.StepStartedAt, now);
        return decision.Action switch
        {
            GateAction.Continue => await StartStepAsync(rollout, rollout.StepIndex + 1, $"bake of {rollout.CurrentStep.KindName} passed: {decision.Reason}", cancellationToken),
            GateAction.RollBack => await RollBackAsync(rollout, decision.Reason, cancellationToken),
            _ => now + interval,
        };
    }

    private async Task<DateTimeOffset?> DeleteBaselineAsync(Rollout rollout, IEndpointTarget target, CancellationToken cancellationToken)
    {
        await target.DeleteDeploymentAsync(rollout.Plan.Baseline.Name, cancellationToken);
        return await StartStepAsync(rollout, rollout.StepIndex + 1, $"{rollout.Plan.Baseline.Name} deleted", cancellationToken);
    }

    private async Task<DateTimeOffset?> RollBackAsync(Rollout rollout, string reason, CancellationToken cancellationToken)
    {
        await sender.SendAsync(new BeginRollbackCommand(rollout.Id, RolloutTrigger.GateFailed, reason, Actor.Scheduler), cancellationToken);
        return clock.GetUtcNow();
    }

    private async Task<DateTimeOffset?> StartStepAsync(Rollout rollout, int stepIndex, string note, CancellationToken cancellationToken)
    {
        var started = await sender.SendAsync(new StartStepCommand(rollout.Id, stepIndex, note, Actor.Scheduler), cancellationToken);
        Log.StepStarted(logger, rollout.Id, stepIndex, started.Phase, note);

        // Run again at once: the next step starts its work in the next tick.
        return started.Phase.IsTerminal() ? null : clock.GetUtcNow();
    }

    private static string StepFailure(Rollout rollout, Exception e) =>
        rollout.CurrentStep is { } step ? $"step {rollout.StepIndex + 1} ({step.KindName}) failed: {e.Message}" : $"preparing the endpoint failed: {e.Message}";

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.StepStarted, Level = LogLevel.Information, Message = "Rollout {RolloutId} step {StepIndex} started ({Phase}): {Note}")]
        public static partial void StepStarted(ILogger logger, Guid rolloutId, int stepIndex, RolloutPhase phase, string note);

        [LoggerMessage(EventId = EventIds.StepFailed, Level = LogLevel.Warning, Message = "Rollout {RolloutId} step {StepIndex} failed: {Error}")]
        public static partial void StepFailed(ILogger logger, Guid rolloutId, int stepIndex, string error);

        [LoggerMessage(EventId = EventIds.TrafficReconciled, Level = LogLevel.Information, Message = "Rollout {RolloutId}: traffic {Actual} → {Desired}")]
        public static partial void TrafficReconciled(ILogger logger, Guid rolloutId, TrafficSplit actual, TrafficSplit desired);

        [LoggerMessage(EventId = EventIds.TargetUnavailable, Level = LogLevel.Warning, Message = "Rollout {RolloutId}: target call failed, retrying: {Error}")]
        public static partial void TargetUnavailable(ILogger logger, Guid rolloutId, string error);
    }
}
