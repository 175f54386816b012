using Orchestrator.Plans;
using Orchestrator.Targets.Local;

namespace Orchestrator.Metrics.Local;

/// <summary>Creates <see cref="LocalMetricSource"/>s over the one <see cref="LocalEndpointHost"/>.</summary>
public sealed class LocalMetricSourceFactory(LocalEndpointHost host) : IMetricSourceFactory
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">The target is not a local one.</exception>
    public IMetricSource Create(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind == TargetKind.Local
            ? new LocalMetricSource(host, target.Endpoint)
            : throw new ArgumentException($"the local metric source serves local targets only, not {target.Kind}", nameof(target));
    }
}
