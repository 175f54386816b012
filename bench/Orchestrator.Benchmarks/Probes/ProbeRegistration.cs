using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Metrics;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Targets;
using Orchestrator.Targets.Local;

namespace Orchestrator.Benchmarks.Probes;

/// <summary>Puts the probes around a node's real services (registered last, so they win).</summary>
internal static class ProbeRegistration
{
    /// <summary>Times the real SQLite store.</summary>
    public static IServiceCollection AddTimedStore(this IServiceCollection services, StoreProfile profile, RollbackMarks? marks = null)
    {
        services.AddSingleton<SqliteRolloutStore>();
        services.AddSingleton<IRolloutStore>(sp => new TimedStore(sp.GetRequiredService<SqliteRolloutStore>(), profile, marks));
        return services;
    }

    /// <summary>Observes traffic updates on the real local endpoint host.</summary>
    public static IServiceCollection AddObservedLocalTargets(this IServiceCollection services, RollbackMarks marks) =>
        services.AddKeyedSingleton<IEndpointTargetFactory>(TargetKind.Local, (sp, _) => new ObservedTargetFactory(sp.GetRequiredService<LocalEndpointTargetFactory>(), marks));

    /// <summary>Replaces the local targets (the fast in-process fake of the scale benchmark).</summary>
    public static IServiceCollection AddLocalTargets(this IServiceCollection services, IEndpointTargetFactory targets) =>
        services.AddKeyedSingleton(TargetKind.Local, targets);

    /// <summary>Replaces the local metric source (scripted readings).</summary>
    public static IServiceCollection AddLocalMetrics(this IServiceCollection services, IMetricSourceFactory metrics) =>
        services.AddKeyedSingleton(TargetKind.Local, metrics);
}
