using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Hosting;
using Orchestrator.Metrics;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets;

namespace Tests.Common;

/// <summary>
/// The real rollout core (SQLite store in a temp file, dispatcher, handlers, advancer, gate rounds) around fake
/// endpoints, scripted metrics and a hand-driven clock, so scenario tests narrate a rollout tick by tick.
/// </summary>
public sealed class ScenarioHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _folder;

    private ScenarioHost(ServiceProvider services, string folder)
    {
        _services = services;
        _folder = folder;
    }

    /// <summary>The clock every component reads.</summary>
    public TestClock Clock => _services.GetRequiredService<TestClock>();

    /// <summary>The fake endpoints.</summary>
    public FakeEndpoints Endpoints => _services.GetRequiredService<FakeEndpoints>();

    /// <summary>The scripted metric source.</summary>
    public ScriptedMetrics Metrics => _services.GetRequiredService<ScriptedMetrics>();

    /// <summary>The store.</summary>
    public IRolloutStore Store => _services.GetRequiredService<IRolloutStore>();

    /// <summary>The dispatcher.</summary>
    public ISender Sender => _services.GetRequiredService<ISender>();

    /// <summary>Rollouts the core asked the worker to wake.</summary>
    public RecordingWakeUp WakeUps => _services.GetRequiredService<RecordingWakeUp>();

    /// <summary>Any registered service.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The folder of the database (it outlives <see cref="AbandonAsync"/>).</summary>
    public string Folder => _folder;

    /// <summary>Starts a host on a fresh database.</summary>
    public static Task<ScenarioHost> StartAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return OpenAsync(folder, new FakeEndpoints(), new TestClock(), configure, settings);
    }

    /// <summary>
    /// Starts a new host (a new service provider) on the database a previous host left in <paramref name="folder"/>,
    /// with the endpoints and the clock that outlived it: what a restarted service finds after a crash.
    /// </summary>
    public static Task<ScenarioHost> ReopenAsync(string folder, FakeEndpoints endpoints, TestClock clock, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(clock);
        return Directory.Exists(folder)
            ? OpenAsync(folder, endpoints, clock, configure, settings)
            : throw new DirectoryNotFoundException($"no scenario database in {folder}");
    }

    private static async Task<ScenarioHost> OpenAsync(string folder, FakeEndpoints endpoints, TestClock clock, Action<IServiceCollection>? configure, IDictionary<string, string?>? settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Orchestrator:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "orchestrator.db")}",
                ["Orchestrator:Plans:BaseDirectory"] = folder,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(endpoints);
        services.AddSingleton<IEndpointTargetFactory>(sp => sp.GetRequiredService<FakeEndpoints>());
        services.AddSingleton<ScriptedMetrics>();
        services.AddSingleton<IMetricSourceFactory>(sp => sp.GetRequiredService<ScriptedMetrics>());
        services.AddSingleton<RecordingWakeUp>();
        services.AddSingleton<IRolloutWakeUp>(sp => sp.GetRequiredService<RecordingWakeUp>());
        services.AddRolloutCore(configuration);
        configure?.Invoke(services);

        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IRolloutStore>().MigrateAsync();
        return new ScenarioHost(provider, folder);
    }

    /// <summary>
    /// The start-up recovery of the real service (<see cref="ActiveRolloutResumer"/>: migrate, wake every active
    /// rollout, start idle queues); returns the rollouts it woke, which the worker would tick and check at once.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RecoverAsync()
    {
        var before = WakeUps.Woken.Count;
        await ActivatorUtilities.CreateInstance<ActiveRolloutResumer>(_services).StartAsync(CancellationToken.None);
        return [.. WakeUps.Woken.Skip(before)];
    }

    /// <summary>Stores a new Pending rollout of the plan (Queued behind <paramref name="queuedBehind"/> when given), as a submit would (without the parser).</summary>
    public async Task<Guid> SeedAsync(RolloutPlan plan, Guid? queuedBehind = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = Clock.GetUtcNow();
        var rollout = new Rollout
        {
            Id = Guid.NewGuid(),
            EndpointKey = EndpointKeys.For(plan.Target),
            Plan = plan,
            Phase = queuedBehind is null ? RolloutPhase.Pending : RolloutPhase.Queued,
            QueuedBehind = queuedBehind,
            StepStartedAt = now,
            SubmittedBy = "test",
            CreatedAt = now,
            UpdatedAt = now,
        };
        await Store.InsertAsync(rollout, [new AuditEvent(rollout.Id, now, new Actor("test", ActorRole.ReleaseManager, CommandSource.Cli), "Submit", null, null, rollout.Phase)]);
        return rollout.Id;
    }

    /// <summary>One tick of the rollout; returns when it asked to run next.</summary>
    public Task<DateTimeOffset?> TickAsync(Guid id) => Get<RolloutAdvancer>().AdvanceAsync(id);

    /// <summary>Ticks until the rollout asks to run later than now (or is done); returns the phase.</summary>
    public async Task<RolloutPhase> TickUntilWaitingAsync(Guid id, int maxTicks = 50)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            var next = await TickAsync(id);
            if (next is null || next > Clock.GetUtcNow())
            {
                break;
            }
        }

        return (await Store.GetAsync(id))!.Phase;
    }

    /// <summary>One gate check of the rollout.</summary>
    public Task<DateTimeOffset?> CheckGatesAsync(Guid id) => Get<GateRoundRunner>().CheckAsync(id);

    /// <summary>The rollout now.</summary>
    public async Task<Rollout> RolloutAsync(Guid id) => (await Store.GetAsync(id))!;

    /// <summary>
    /// Throws the host away as a crash does: the service provider goes, the database folder stays for
    /// <see cref="ReopenAsync"/> (a later host's <see cref="DisposeAsync"/> deletes it).
    /// </summary>
    public async ValueTask AbandonAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await AbandonAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the OS cleans temp.
        }
    }
}

/// <summary>Records the rollouts the core asked to wake.</summary>
public sealed class RecordingWakeUp : IRolloutWakeUp
{
    private readonly List<Guid> _woken = [];

    /// <summary>Every wake-up, in order.</summary>
    public IReadOnlyList<Guid> Woken
    {
        get
        {
            lock (_woken)
            {
                return [.. _woken];
            }
        }
    }

    /// <inheritdoc />
    public Task WakeAsync(Guid rolloutId, CancellationToken cancellationToken = default)
    {
        lock (_woken)
        {
            _woken.Add(rolloutId);
        }

        return Task.CompletedTask;
    }
}
