using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using Worker.Jobs;
using Worker.Scheduling;
using Worker.Sweeping;

namespace Worker.Hosting;

/// <summary>Registers the scheduling engine in a host.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>How long a Quartz write waits for the SQLite write lock inside SQLite (the rollout store waits as long by default).</summary>
    private static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Adds the Quartz scheduler with its persistent store, the rollout tick job, the gate-check sweeper (run while
    /// the scheduler runs; its table lives in the same database), <see cref="IRolloutScheduler"/> and a hosted service
    /// that starts the scheduler once the application has started and waits for running jobs on shutdown. The host must register <see cref="IRolloutTicker"/> and <see cref="IGateChecker"/>. Quartz runs on
    /// the container's <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the options (e.g. binds the <c>Worker</c> section); validated on start.</param>
    public static IServiceCollection AddRolloutWorker(this IServiceCollection services, Action<WorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The store and thread pool are chosen at registration, so the options are read once here as well; the
        // validator sees the same values at start-up and refuses them all at once before anything runs. Quartz is
        // handed usable stand-ins for invalid values so that its own validation does not repeat ours.
        var settings = new WorkerOptions();
        configure?.Invoke(settings);
        var defaults = new WorkerOptions();
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            settings.ConnectionString = defaults.ConnectionString;
        }

        if (string.IsNullOrWhiteSpace(settings.SchedulerName))
        {
            settings.SchedulerName = defaults.SchedulerName;
        }

        if (settings.MisfireThreshold < TimeSpan.FromSeconds(1))
        {
            settings.MisfireThreshold = defaults.MisfireThreshold;
        }

        services.AddOptions<WorkerOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>());

        // Quartz takes the container's clock when none is handed to UseTimeProvider (QuartzBuilder docs, 4.7), so the
        // one TimeProvider the service registers drives both the domain and the scheduler.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteWriteGate>();
        services.TryAddSingleton<RolloutJobRunner>();
        services.TryAddSingleton<IRolloutScheduler, QuartzRolloutScheduler>();
        services.TryAddTransient<AdvanceRolloutJob>();
        services.TryAddSingleton(sp => new WorkerDatabase(settings.Store, settings.ConnectionString, SqliteBusyTimeout, sp.GetRequiredService<SqliteWriteGate>()));
        services.TryAddSingleton<GateCheckTable>();
        services.TryAddSingleton<GateCheckSweeper>();
        services.TryAddSingleton<SweeperSchedulerListener>();

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = settings.SchedulerName;

                // Jobs get their token cancelled on a waiting shutdown; an interrupted firing is handed back for recovery.
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            quartz.UseDefaultThreadPool(Math.Clamp(settings.ThreadCount, 1, WorkerOptionsValidator.MaxThreadCount));
            quartz.UsePersistentStore(store => ConfigureStore(store, settings));
            quartz.AddSchedulerListener(sp => sp.GetRequiredService<SweeperSchedulerListener>());
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }

    private static void ConfigureStore(IPersistentStoreBuilder store, WorkerOptions settings)
    {
        if (settings.Store == WorkerStore.Postgres)
        {
            store.UsePostgres(NpgsqlFactory.Instance, settings.ConnectionString);
        }
        else
        {
            store.UseSqlite(settings.ConnectionString);
            store.UseConnectionProvider(_ => new SqliteConnectionProvider(settings.ConnectionString, SqliteBusyTimeout));

            // Quartz and the rollout store take turns on the file's write lock through the node's one gate.
            store.UseLockHandler(sp => new SqliteGateLockHandler(sp.GetRequiredService<SqliteWriteGate>()));
        }

        store.ProvisionSchema();
        store.UseSystemTextJsonSerializer();
        store.ConfigureStore(ado =>
        {
            // Rollout ids and attempt counts are strings: readable in the database and immune to type renames.
            ado.StoreJobDataAsStrings = true;
            ado.MisfireThreshold = settings.MisfireThreshold;
            ado.RecoverFiringsCancelledByShutdown = true;
        });
        if (settings.Clustered && settings.Store == WorkerStore.Postgres)
        {
            store.UseClustering(_ => { });
        }
    }
}
