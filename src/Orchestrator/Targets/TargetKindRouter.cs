using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Metrics;
using Orchestrator.Plans;

namespace Orchestrator.Targets;

/// <summary>Picks the target and metric source implementations by the plan's target kind (registered keyed by <see cref="TargetKind"/>).</summary>
public sealed class TargetKindRouter(IServiceProvider services) : IEndpointTargetFactory, IMetricSourceFactory
{
    /// <inheritdoc />
    IEndpointTarget IEndpointTargetFactory.Create(TargetSpec target) => Factory<IEndpointTargetFactory>(target).Create(target);

    /// <inheritdoc />
    IMetricSource IMetricSourceFactory.Create(TargetSpec target) => Factory<IMetricSourceFactory>(target).Create(target);

    private T Factory<T>(TargetSpec target)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(target);
        return services.GetKeyedService<T>(target.Kind)
            ?? throw new TargetKindNotConfiguredException(target.Kind);
    }
}
