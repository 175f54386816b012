using Orchestrator.Endpoints;

namespace Orchestrator.Features.Rollouts.GetRollout;

/// <summary>What the target reports right now; when it could not be read, <see cref="Known"/> is false and <see cref="Reason"/> says why.</summary>
/// <param name="Known">True when the target answered.</param>
/// <param name="Traffic">The endpoint's traffic, when known.</param>
/// <param name="Deployments">The endpoint's deployments and their provisioning, when known.</param>
/// <param name="Reason">Why the traffic is unknown.</param>
public sealed record ActualTrafficView(bool Known, TrafficView? Traffic, IReadOnlyList<DeploymentStatus>? Deployments, string? Reason)
{
    /// <summary>The target answered.</summary>
    public static ActualTrafficView Of(EndpointState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ActualTrafficView(true, TrafficView.From(state.Traffic), state.Deployments, null);
    }

    /// <summary>The target could not be read.</summary>
    public static ActualTrafficView Unknown(string reason) => new(false, null, null, reason);
}
