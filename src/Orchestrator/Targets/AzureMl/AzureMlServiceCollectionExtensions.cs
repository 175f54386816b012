using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Metrics;
using Orchestrator.Metrics.AzureMonitor;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl;

/// <summary>Registers the Azure ML target and the Azure Monitor metric source.</summary>
public static class AzureMlServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AzureMlOptions"/> from the <c>AzureMl</c> section (validated at start-up) and registers
    /// <see cref="IEndpointTargetFactory"/> and <see cref="IMetricSourceFactory"/> keyed by <see cref="TargetKind.AzureMl"/>
    /// (also as their concrete types). The ARM credential is a registered <see cref="TokenCredential"/> if there is
    /// one, else a pre-obtained token (environment variable or file) when configured, else DefaultAzureCredential.
    /// </summary>
    public static IServiceCollection AddAzureMlTarget(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AzureMlOptions>().Bind(configuration.GetSection(AzureMlOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureMlOptions>, AzureMlOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AzureMlOptions>>().Value;
            var timeProvider = sp.GetRequiredService<TimeProvider>();
            var credential = sp.GetService<TokenCredential>() ?? CreateCredential(options, timeProvider);
            return new ArmConnection(options, credential, timeProvider, sp.GetRequiredService<ILogger<ArmConnection>>());
        });
        services.TryAddSingleton(sp => new AzureMlEndpointTargetFactory(sp.GetRequiredService<ArmConnection>(), sp.GetRequiredService<ILogger<AzureMlEndpointTarget>>()));
        services.TryAddSingleton(sp => new AzureMonitorMetricSourceFactory(sp.GetRequiredService<ArmConnection>(), sp.GetRequiredService<ILogger<AzureMonitorMetricSource>>()));
        services.AddKeyedSingleton<IEndpointTargetFactory>(TargetKind.AzureMl, (sp, _) => sp.GetRequiredService<AzureMlEndpointTargetFactory>());
        services.AddKeyedSingleton<IMetricSourceFactory>(TargetKind.AzureMl, (sp, _) => sp.GetRequiredService<AzureMonitorMetricSourceFactory>());
        return services;
    }

    /// <summary>The credential the options ask for: a pre-obtained token, or DefaultAzureCredential.</summary>
    public static TokenCredential CreateCredential(AzureMlOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AccessTokenEnvironmentVariable is { } variable)
        {
            return PreObtainedTokenCredential.FromEnvironmentVariable(variable, timeProvider);
        }

        return options.AccessTokenFile is { } file
            ? PreObtainedTokenCredential.FromFile(file, timeProvider)
            : new DefaultAzureCredential();
    }
}
