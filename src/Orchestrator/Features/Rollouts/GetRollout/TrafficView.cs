using Orchestrator.Endpoints;

namespace Orchestrator.Features.Rollouts.GetRollout;

/// <summary>Live and mirrored percent by deployment (deployments at 0 are left out).</summary>
/// <param name="Live">Live traffic; sums to 0 or 100.</param>
/// <param name="Mirror">Mirrored traffic.</param>
public sealed record TrafficView(IReadOnlyDictionary<string, int> Live, IReadOnlyDictionary<string, int> Mirror)
{
    /// <summary>The view of a split.</summary>
    public static TrafficView From(TrafficSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return new TrafficView(split.Live, split.Mirror);
    }
}
