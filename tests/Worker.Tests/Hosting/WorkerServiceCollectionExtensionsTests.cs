using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tests.Common;
using Worker.Tests.Support;

namespace Worker.Hosting.Tests;

public class WorkerServiceCollectionExtensionsTests
{
    private static ScriptedHandler Finishing() => ScriptedHandler.Of((_, _) => null);

    [Fact]
    public void AddRolloutWorker_InvalidOptions_StartupValidationNamesEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddRolloutWorker(o =>
        {
            o.ConnectionString = " ";
            o.Clustered = true;
            o.ThreadCount = 0;
            o.RetryBackoff = TimeSpan.Zero;
            o.MaxRetryBackoff = TimeSpan.FromSeconds(-1);
            o.MisfireThreshold = TimeSpan.FromMilliseconds(10);
            o.SchedulerName = "";
            o.GateCheckConcurrency = 0;
            o.GateCheckBatchSize = 5001;
            o.GateCheckLease = TimeSpan.FromSeconds(5);
            o.GateCheckPollInterval = TimeSpan.FromSeconds(10);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Orchestrator:Worker:ConnectionString: is required: the service database's connection string",
                "Orchestrator:Worker:Clustered: clustering needs the Postgres store; a SQLite file serves one node",
                "Orchestrator:Worker:SchedulerName: is required",
                "Orchestrator:Worker:ThreadCount: 0 is outside 1..500",
                "Orchestrator:Worker:RetryBackoff: 00:00:00 must be positive",
                "Orchestrator:Worker:MaxRetryBackoff: -00:00:01 is shorter than RetryBackoff 00:00:00",
                "Orchestrator:Worker:MisfireThreshold: 00:00:00.0100000 is below the 1 s floor",
                "Orchestrator:Worker:GateCheckConcurrency: 0 is outside 1..1000",
                "Orchestrator:Worker:GateCheckBatchSize: 5001 is outside 1..5000",
                "Orchestrator:Worker:GateCheckLease: 00:00:05 is below 10 s: a slow check would lose its claim and run twice",
                "Orchestrator:Worker:GateCheckPollInterval: 00:00:10 is outside 100 ms..GateCheckLease (00:00:05)",
            ],
            error.Failures);
    }

    [Fact]
    public void AddRolloutWorker_Defaults_AreValid()
    {
        var services = new ServiceCollection();
        services.AddRolloutWorker();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("Data Source=orchestrator.db", provider.GetRequiredService<IOptions<WorkerOptions>>().Value.ConnectionString);
    }

    [Fact]
    public void AddRolloutWorker_PostgresClustered_IsValid()
    {
        var services = new ServiceCollection();
        services.AddRolloutWorker(o =>
        {
            o.Store = WorkerStore.Postgres;
            o.ConnectionString = "Host=127.0.0.1;Database=orchestrator";
            o.Clustered = true;
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task AddRolloutWorker_RegisteredTimeProvider_DrivesTheScheduler()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var ticks = Finishing();
        await using var worker = await WorkerHarness.StartAsync(db, ticks, Finishing(), clock);
        Assert.Same(clock, worker.Scheduler.TimeProvider);

        await worker.Rollouts.ScheduleTickAsync("r1", clock.GetUtcNow().AddMinutes(10));
        Assert.Equal(0, ticks.Started.Value);
        clock.Advance(TimeSpan.FromMinutes(10));

        await ticks.Ended.WaitForAsync(1, "ticks once the test clock reached the trigger");
    }
}
