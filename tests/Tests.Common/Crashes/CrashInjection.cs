using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Targets;

namespace Tests.Common.Crashes;

/// <summary>Puts a <see cref="ScenarioHost"/>'s endpoint and store writes behind a <see cref="CrashFuse"/>.</summary>
public static class CrashInjection
{
    /// <summary>Registers the crashing endpoints and store (registered last, so they win over the host's own).</summary>
    public static IServiceCollection AddCrashInjection(this IServiceCollection services, CrashFuse fuse, SideEffectJournal journal)
    {
        services.AddSingleton<SqliteRolloutStore>();
        services.AddSingleton<IRolloutStore>(sp => new CrashingRolloutStore(sp.GetRequiredService<SqliteRolloutStore>(), fuse, journal, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEndpointTargetFactory>(sp => new CrashingEndpointTargets(sp.GetRequiredService<FakeEndpoints>(), fuse, journal, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
