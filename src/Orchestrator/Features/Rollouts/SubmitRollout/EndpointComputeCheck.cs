using Microsoft.Extensions.Logging;
using Orchestrator.Dispatching;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets;

namespace Orchestrator.Features.Rollouts.SubmitRollout;

/// <summary>
/// The submit-time look at the endpoint as it is (issue 4): a plan that mirrors is refused when its endpoint already
/// exists as a Kubernetes online endpoint (which has no mirroring), whatever <c>target.compute</c> says, so nothing is
/// deployed for a rollout that would roll back at its mirror step.
/// </summary>
internal static partial class EndpointComputeCheck
{
    /// <summary>A slow or throttled target does not hold a submit for long; the traffic update refuses the mirror anyway.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>The refusals (empty when the plan fits the endpoint, the endpoint does not exist yet, or it cannot be read now).</summary>
    public static async Task<IReadOnlyList<ValidationFailure>> CheckAsync(RolloutPlan plan, IEndpointTargetFactory targets, TimeProvider clock, ILogger logger, CancellationToken cancellationToken = default)
    {
        var mirrors = plan.Steps.Select((step, index) => (step, index)).Where(s => s.step is RolloutStep.Mirror).Select(s => s.index + 1).ToList();
        if (mirrors.Count == 0 || plan.Target.Compute == EndpointCompute.Kubernetes)
        {
            // Nothing to mirror, or the parser has already held a Kubernetes plan to the rule.
            return [];
        }

        EndpointState? state;
        using var limit = new CancellationTokenSource(Limit, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            state = await targets.Create(plan.Target).GetStateAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Unreadable now (unreachable, throttled, not configured): the mirror step's own traffic update still
            // refuses a mirror on Kubernetes before any PUT, and the rollout rolls back.
            Log.Skipped(logger, plan.Target.Endpoint, e.Message);
            return [];
        }

        if (state?.Compute != EndpointCompute.Kubernetes)
        {
            return [];
        }

        var steps = mirrors.Count == 1 ? $"step {mirrors[0]}" : $"steps {string.Join(", ", mirrors)}";
        return
        [
            new ValidationFailure(
                "target.compute",
                $"endpoint {plan.Target.Endpoint} is a Kubernetes online endpoint, which cannot mirror traffic, and the plan mirrors in {steps}: set target.compute: kubernetes and target.mirrorOnKubernetes: skip to drop mirror steps, or list steps without a mirror step"),
        ];
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ComputeCheckSkipped, Level = LogLevel.Warning, Message = "Submit could not read endpoint {Endpoint} to check its compute type; a mirror step will be checked when it runs: {Error}")]
        public static partial void Skipped(ILogger logger, string endpoint, string error);
    }
}
