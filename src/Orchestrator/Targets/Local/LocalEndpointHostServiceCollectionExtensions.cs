using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Metrics;
using Orchestrator.Metrics.Local;

namespace Orchestrator.Targets.Local;

/// <summary>Registers the embedded local endpoint host.</summary>
public static class LocalEndpointHostServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LocalEndpointHost"/> as a hosted service with validated options (checked at start), plus
    /// <see cref="LocalEndpointTargetFactory"/> and <see cref="LocalMetricSourceFactory"/>. They also become the
    /// <see cref="IEndpointTargetFactory"/> and <see cref="IMetricSourceFactory"/> unless one is registered already
    /// (a factory that picks by target kind registers itself first and asks these for local targets).
    /// </summary>
    public static IServiceCollection AddLocalEndpointHost(this IServiceCollection services, Action<LocalEndpointHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LocalEndpointHostOptions>().BindConfiguration(LocalEndpointHostOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalEndpointHostOptions>, LocalEndpointHostOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalEndpointHost>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalEndpointHost>());
        services.TryAddSingleton<LocalEndpointTargetFactory>();
        services.TryAddSingleton<LocalMetricSourceFactory>();
        services.TryAddSingleton<IEndpointTargetFactory>(sp => sp.GetRequiredService<LocalEndpointTargetFactory>());
        services.TryAddSingleton<IMetricSourceFactory>(sp => sp.GetRequiredService<LocalMetricSourceFactory>());
        return services;
    }
}
