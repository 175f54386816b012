using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Plans;
using Orchestrator.Targets.AzureMl;

namespace Orchestrator.Hosting;

/// <summary>Adds the targets beyond the always-present local host.</summary>
internal static class TargetRegistration
{
    /// <summary>Adds the Azure ML target when a plan needs it or the configuration has an <c>AzureMl</c> section.</summary>
    public static void AddConfiguredTargets(IServiceCollection services, IConfiguration configuration, TargetKind? planKind = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (planKind == TargetKind.AzureMl || configuration.GetSection(AzureMlOptions.SectionName).Exists())
        {
            services.AddAzureMlTarget(configuration);
        }
    }
}
