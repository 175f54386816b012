using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;
using Orchestrator.Plans;
using Quartz;

namespace Orchestrator.Benchmarks.Hosting;

/// <summary>
/// A real headless node (the composition <c>run</c> and <c>demo</c> use: Quartz on the SQLite file, the rollout
/// store, the dispatcher, the local endpoint host) in a fresh data folder, with the benchmark's probes added.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private BenchNode(IHost host, string folder)
    {
        Host = host;
        Folder = folder;
    }

    /// <summary>The running node.</summary>
    public IHost Host { get; }

    /// <summary>The data folder (database and local endpoint state).</summary>
    public string Folder { get; }

    /// <summary>True when no job is running (set by a benchmark that can tell); shutdown waits for it.</summary>
    public Func<bool>? Idle { get; set; }

    /// <summary>The node's database file.</summary>
    public string DatabasePath => Path.Combine(Folder, "orchestrator.db");

    /// <summary>The sample models shipped beside the benchmark (copied from samples/).</summary>
    public static string ModelsDirectory => Path.Combine(AppContext.BaseDirectory, "samples", "models");

    /// <summary>A service of the node.</summary>
    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>Builds and starts a node; <paramref name="configure"/> adds the probes and fakes after the real registrations.</summary>
    /// <param name="workerThreads">Quartz threads (the Worker:ThreadCount setting; null keeps the default).</param>
    public static async Task<BenchNode> StartAsync(string name, Action<IServiceCollection> configure, int? workerThreads = null, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "orchestrator-bench", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);

        // HeadlessNode reads the worker settings from ORCHESTRATOR_* variables when it registers Quartz.
        Environment.SetEnvironmentVariable("ORCHESTRATOR_Orchestrator__Worker__ThreadCount", workerThreads?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var host = HeadlessNode.Build(new NodeSettings(folder), LogLevel.Error, (services, _) =>
        {
            services.Configure<PlanOptions>(o => o.BaseDirectory = AppContext.BaseDirectory);
            configure(services);
        });
        await host.StartAsync(cancellationToken);
        return new BenchNode(host, folder);
    }

    /// <summary>Size of the database file and its write-ahead log, in bytes.</summary>
    public long DatabaseBytes() =>
        new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Stop firing and let running jobs finish (and reschedule) first: a job cut off by shutdown logs an error
        // that has nothing to do with the measurement.
        var scheduler = await Get<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (Idle is { } idle && !idle() && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
