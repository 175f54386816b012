using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Worker.Hosting;

namespace Orchestrator.Hosting;

/// <summary>Registers the rollout core: options, the store, the dispatcher and its handlers, and the execution engine.</summary>
public static class CoreRegistration
{
    /// <summary>Adds everything a node needs to carry rollouts out (targets, metric sources and the scheduler are added separately).</summary>
    public static IServiceCollection AddRolloutCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection(ExecutionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExecutionOptions>, ExecutionOptionsValidator>();
        services.AddOptions<PlanOptions>().Bind(configuration.GetSection(PlanOptions.Section));

        services.TryAddSingleton<SqliteWriteGate>();
        services.TryAddSingleton<SqliteConnectionFactory>();
        services.TryAddSingleton<IRolloutStore, SqliteRolloutStore>();
        services.AddCommandDispatcher();

        services.TryAddSingleton<SmokeTestRunner>();
        services.TryAddSingleton<RollbackApplier>();
        services.TryAddSingleton<RolloutAdvancer>();
        services.TryAddSingleton<GateRoundRunner>();
        return services;
    }
}
