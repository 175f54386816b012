using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>Creates <see cref="LocalEndpointTarget"/>s over the one <see cref="LocalEndpointHost"/>.</summary>
public sealed class LocalEndpointTargetFactory(LocalEndpointHost host) : IEndpointTargetFactory
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">The target is not a local one.</exception>
    public IEndpointTarget Create(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind == TargetKind.Local
            ? new LocalEndpointTarget(host, target.Endpoint, target.Compute)
            : throw new ArgumentException($"the local endpoint host serves local targets only, not {target.Kind}", nameof(target));
    }
}
