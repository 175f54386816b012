using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Dispatching;
using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.FinishRollback;
using Orchestrator.Rollouts;
using Orchestrator.Targets;

namespace Orchestrator.Execution;

/// <summary>
/// Puts the endpoint back on the baseline in one update (baseline 100%, nothing mirrored), then records the
/// outcome. Called at once by the gate job that decided it, and by every tick while RollingBack, until it holds.
/// One attempt per rollout at a time on this node: the gate job and the tick that the rollback wakes would otherwise
/// both read the old split and both send the update (issue 4: the second PUT met a 409 and was applied again).
/// </summary>
public sealed partial class RollbackApplier(
    ISender sender,
    IEndpointTargetFactory targets,
    TimeProvider clock,
    IOptions<ExecutionOptions> options,
    ILogger<RollbackApplier> logger)
{
    private readonly ConcurrentDictionary<Guid, byte> _applying = new();

    /// <summary>Applies the rollback; returns when to try again, or null when it is recorded (done or given up).</summary>
    public async Task<DateTimeOffset?> ApplyAsync(Rollout rollout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        if (rollout.Phase != RolloutPhase.RollingBack)
        {
            return null;
        }

        if (!_applying.TryAdd(rollout.Id, 0))
        {
            // Another attempt is under way; come back after it (the rollout is then terminal, or it failed and retries).
            return clock.GetUtcNow() + options.Value.RetryBackoff;
        }

        try
        {
            return await AttemptAsync(rollout, cancellationToken);
        }
        finally
        {
            _applying.TryRemove(rollout.Id, out _);
        }
    }

    private async Task<DateTimeOffset?> AttemptAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var target = targets.Create(rollout.Plan.Target);
        try
        {
            var note = await RestoreBaselineAsync(rollout, target, cancellationToken);
            await sender.SendAsync(new FinishRollbackCommand(rollout.Id, true, null, Actor.Scheduler), cancellationToken);
            Log.Applied(logger, rollout.Id, note);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.AttemptFailed(logger, rollout.Id, e.Message);
            var now = clock.GetUtcNow();
            if (now - rollout.UpdatedAt < options.Value.RollbackGiveUpAfter)
            {
                return now + options.Value.RetryBackoff;
            }

            await sender.SendAsync(
                new FinishRollbackCommand(rollout.Id, false, $"the rollback could not be applied for {options.Value.RollbackGiveUpAfter}: {e.Message}", Actor.Scheduler),
                cancellationToken);
            return null;
        }
    }

    private static async Task<string> RestoreBaselineAsync(Rollout rollout, IEndpointTarget target, CancellationToken cancellationToken)
    {
        var plan = rollout.Plan;
        var state = await target.GetStateAsync(cancellationToken);
        if (state is null)
        {
            // The endpoint was never created (the rollout failed while preparing it): there is nothing to restore.
            return "the endpoint does not exist; nothing to restore";
        }

        if (state.Deployment(plan.Baseline.Name) is null)
        {
            if (rollout.StepIndex < 0)
            {
                // It failed while preparing, before it moved any traffic (e.g. a plan run again after green took over
                // and blue was deleted): what serves now was not set by this rollout, and removing it would leave the
                // endpoint serving nothing.
                return $"baseline {plan.Baseline.Name} does not exist; the endpoint was left as it was";
            }

            // A rollout that failed before its baseline existed can only stop sending traffic anywhere new.
            if (state.Traffic.LiveOf(plan.Candidate.Name) > 0 || state.Traffic.MirrorOf(plan.Candidate.Name) > 0)
            {
                await target.SetTrafficAsync(TrafficSplit.Empty, cancellationToken);
            }

            return $"baseline {plan.Baseline.Name} does not exist; candidate traffic removed";
        }

        var split = DesiredState.RollbackState(plan);
        if (!state.Traffic.Equals(split))
        {
            await target.SetTrafficAsync(split, cancellationToken);
        }

        if (plan.Rollback.DeleteCandidate && state.Deployment(plan.Candidate.Name) is not null)
        {
            await target.DeleteDeploymentAsync(plan.Candidate.Name, cancellationToken);
        }

        return $"traffic {split}";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RollbackApplied, Level = LogLevel.Warning, Message = "Rollout {RolloutId} rolled back: {Outcome}")]
        public static partial void Applied(ILogger logger, Guid rolloutId, string outcome);

        [LoggerMessage(EventId = EventIds.RollbackAttemptFailed, Level = LogLevel.Error, Message = "Rollout {RolloutId}: rollback attempt failed, will retry: {Error}")]
        public static partial void AttemptFailed(ILogger logger, Guid rolloutId, string error);
    }
}
