using Microsoft.Extensions.Options;
using Orchestrator.Api;
using Orchestrator.Dispatching;
using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Orchestrator.Targets;

namespace Orchestrator.Features.Rollouts.GetRollout;

/// <summary>One rollout in full, with the traffic its endpoint actually has right now.</summary>
/// <param name="RolloutId">The rollout.</param>
public sealed record GetRolloutQuery(Guid RolloutId) : ICommand<RolloutView>;

/// <summary>
/// Reads the rollout, computes its desired traffic, and asks the target for the actual traffic. The target may be
/// down or slow: then the actual traffic is shown as unknown with the reason, and the rest of the view still answers.
/// </summary>
public sealed partial class GetRolloutQueryHandler(
    IRolloutStore store,
    IEndpointTargetFactory targets,
    TimeProvider time,
    IOptions<ApiOptions> options,
    ILogger<GetRolloutQueryHandler> logger) : ICommandHandler<GetRolloutQuery, RolloutView>
{
    private static readonly Dictionary<RolloutTrigger, string> HumanActions = new()
    {
        [RolloutTrigger.Pause] = "pause",
        [RolloutTrigger.Resume] = "resume",
        [RolloutTrigger.Abort] = "abort",
        [RolloutTrigger.Promote] = "promote",
        [RolloutTrigger.Approve] = "approve",
        [RolloutTrigger.Retry] = "retry",
    };

    /// <inheritdoc />
    public async Task<RolloutView> HandleAsync(GetRolloutQuery command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetAsync(command.RolloutId, cancellationToken).ConfigureAwait(false)
            ?? throw new RolloutNotFoundException(command.RolloutId);
        // The latest round only: the history grows by one round per interval, and this view is polled.
        var lastRound = await store.GetLastGateRoundAsync(rollout.Id, cancellationToken).ConfigureAwait(false);
        var actual = await ReadActualAsync(rollout, cancellationToken).ConfigureAwait(false);
        // A rollout that ended or is rolling back bakes nothing: its last step's bake would show time left forever.
        var baking = rollout.Phase.IsActive() && rollout.Phase != RolloutPhase.RollingBack;
        var bakeTime = baking && rollout.CurrentStep?.BakeTime is { } bake && bake > TimeSpan.Zero ? bake : (TimeSpan?)null;

        return new RolloutView(RolloutSummary.From(rollout))
        {
            Steps = [.. rollout.Plan.Steps.Select((step, index) => StepView.From(index, step))],
            BakeTime = bakeTime,
            BakeRemaining = bakeTime is { } b ? BakeRemaining(rollout, b) : null,
            DesiredTraffic = TrafficView.From(rollout.DesiredTraffic()),
            ActualTraffic = actual,
            LastGateRound = lastRound is null ? null : GetGateHistoryQueryHandler.View(rollout, lastRound),
            PermittedActions = [.. RolloutStateMachine.PermittedTriggers(rollout.Phase, new TransitionContext(rollout.PausedFrom))
                .Where(HumanActions.ContainsKey)
                .Select(t => HumanActions[t])],
        };
    }

    private TimeSpan BakeRemaining(Rollout rollout, TimeSpan bake)
    {
        if (rollout.BakeEndRequested)
        {
            return TimeSpan.Zero;
        }

        var left = rollout.StepStartedAt + bake - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private async Task<ActualTrafficView> ReadActualAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var limit = options.Value.ActualTrafficTimeout;
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var state = await targets.Create(rollout.Plan.Target).GetStateAsync(linked.Token).ConfigureAwait(false);
            return state is null ? ActualTrafficView.Unknown("the endpoint does not exist") : ActualTrafficView.Of(state);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.ActualTrafficUnavailable(logger, rollout.Id, "timeout");
            return ActualTrafficView.Unknown($"the target did not answer within {limit.TotalSeconds:0.###} s");
        }
#pragma warning disable CA1031 // Whatever the target throws (network, auth, a bug), the view must still answer; the reason is shown.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Log.ActualTrafficUnavailable(logger, rollout.Id, ex.GetType().Name);
            return ActualTrafficView.Unknown($"the target could not be read: {ex.Message}");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ActualTrafficUnavailable, Level = LogLevel.Warning, Message = "Could not read the actual traffic of rollout {RolloutId}'s endpoint ({Cause})")]
        public static partial void ActualTrafficUnavailable(ILogger logger, Guid rolloutId, string cause);
    }
}
