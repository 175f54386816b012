using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Execution;
using Orchestrator.Metrics;
using Orchestrator.Metrics.Local;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Targets;
using Orchestrator.Targets.Local;
using Worker;
using Worker.Hosting;

namespace Orchestrator.Hosting;

/// <summary>A node that carries rollouts out: the core, the Quartz worker on the same database, and target routing.</summary>
public static class NodeRegistration
{
    /// <summary>Adds the rollout core and the in-process worker; targets are added by kind (local, azureml).</summary>
    public static IServiceCollection AddRolloutNode(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRolloutCore(configuration);

        // The Quartz job store lives in the same database file as the rollouts.
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var sqlite = new SqliteConnectionStringBuilder(database.ConnectionString);
        sqlite.DataSource = Path.GetFullPath(sqlite.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
        services.AddRolloutWorker(worker =>
        {
            configuration.GetSection(WorkerOptions.SectionName).Bind(worker);
            worker.ConnectionString = worker.Store == WorkerStore.Sqlite ? sqlite.ToString() : worker.ConnectionString;
        });

        services.AddSingleton<RolloutJobHandlers>();
        services.AddSingleton<IRolloutTicker>(sp => sp.GetRequiredService<RolloutJobHandlers>());
        services.AddSingleton<IGateChecker>(sp => sp.GetRequiredService<RolloutJobHandlers>());
        services.AddSingleton<IRolloutWakeUp, SchedulerWakeUp>();
        services.AddHostedService<ActiveRolloutResumer>();

        services.AddSingleton<TargetKindRouter>();
        services.AddSingleton<IEndpointTargetFactory>(sp => sp.GetRequiredService<TargetKindRouter>());
        services.AddSingleton<IMetricSourceFactory>(sp => sp.GetRequiredService<TargetKindRouter>());
        return services;
    }

    /// <summary>Adds the embedded local endpoint host as the <see cref="TargetKind.Local"/> target and metric source.</summary>
    public static IServiceCollection AddLocalTarget(this IServiceCollection services, string dataDirectory)
    {
        services.AddLocalEndpointHost(o => o.DataDirectory = dataDirectory);
        services.AddKeyedSingleton<IEndpointTargetFactory>(TargetKind.Local, (sp, _) => sp.GetRequiredService<LocalEndpointTargetFactory>());
        services.AddKeyedSingleton<IMetricSourceFactory>(TargetKind.Local, (sp, _) => sp.GetRequiredService<LocalMetricSourceFactory>());
        return services;
    }
}
