using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Worker.Hosting;
using Worker.Scheduling;

namespace Worker.Tests.Support;

/// <summary>A real Quartz scheduler on a real SQLite file, wired by <see cref="WorkerServiceCollectionExtensions.AddRolloutWorker"/> with scripted handlers.</summary>
public sealed class WorkerHarness : IAsyncDisposable
{
    private WorkerHarness(ServiceProvider services, IScheduler scheduler, ExecutionListener listener, RecordingLoggerFactory logs)
    {
        Services = services;
        Scheduler = scheduler;
        Listener = listener;
        Logs = logs;
        Rollouts = services.GetRequiredService<IRolloutScheduler>();
    }

    public ServiceProvider Services { get; }

    public IScheduler Scheduler { get; }

    public IRolloutScheduler Rollouts { get; }

    public ExecutionListener Listener { get; }

    public RecordingLoggerFactory Logs { get; }

    public static async Task<WorkerHarness> StartAsync(
        TempDatabase database,
        IRolloutTicker ticks,
        IGateChecker gates,
        TimeProvider? clock = null,
        bool start = true,
        Action<WorkerOptions>? configure = null)
    {
        var logs = new RecordingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        // The hosted service (not started here: tests start the scheduler themselves) needs a host's lifetime.
        services.AddSingleton<IHostApplicationLifetime, NoHostLifetime>();
        services.AddSingleton(ticks);
        services.AddSingleton(gates);
        services.AddRolloutWorker(options =>
        {
            options.ConnectionString = database.ConnectionString;
            options.ThreadCount = 4;
            options.RetryBackoff = TimeSpan.FromMilliseconds(50);
            options.MaxRetryBackoff = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(options);
        });

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var listener = new ExecutionListener();
        scheduler.ListenerManager.AddJobListener(listener, [GroupMatcher<JobKey>.AnyGroup()]);
        if (start)
        {
            await scheduler.Start();
        }

        return new WorkerHarness(provider, scheduler, listener, logs);
    }

    public static JobKey TickJob(string rolloutId) => RolloutTriggers.JobKey(rolloutId);

    public static TriggerKey TickTrigger(string rolloutId) => RolloutTriggers.TriggerKey(rolloutId);

    public DateTimeOffset Now => Scheduler.TimeProvider.GetUtcNow();

    /// <summary>Waits until a condition on the store holds, checking after each short pause; for effects Quartz applies after the listener runs.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Counter.Patience);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"waited {Counter.Patience.TotalSeconds} s for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Scheduler.Shutdown(waitForJobsToComplete: true);
        await Services.DisposeAsync();
    }

    private sealed class NoHostLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
