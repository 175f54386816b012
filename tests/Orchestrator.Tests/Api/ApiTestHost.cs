using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Auth;
using Orchestrator.Execution;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Orchestrator.Targets;

namespace Orchestrator.Api.Tests;

/// <summary>How a test host is set up.</summary>
/// <param name="DatabasePath">The SQLite file; a fresh one when null (pass the same path to test a restart).</param>
/// <param name="ConfiguredAdminKey">When true, the admin key comes from configuration; when false, the first start creates one.</param>
/// <param name="Time">The clock; the system clock when null.</param>
/// <param name="Services">Last-minute service changes (a test's own handler or store).</param>
/// <param name="Settings">Extra configuration.</param>
internal sealed record ApiTestHostOptions(
    string? DatabasePath = null,
    bool ConfiguredAdminKey = true,
    TimeProvider? Time = null,
    Action<IServiceCollection>? Services = null,
    IReadOnlyDictionary<string, string?>? Settings = null);

/// <summary>
/// The API on real Kestrel at 127.0.0.1:0 over a real SQLite file, with the real rollout core (store, dispatcher,
/// handlers, plan parser) and the same two lines the service's composition calls (<c>AddRolloutApi</c>, <c>MapRolloutApi</c>).
/// </summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];
    private readonly Dictionary<ActorRole, string> _roleKeys = [];
    private readonly bool _ownsDatabase;

    private ApiTestHost(WebApplication app, Uri baseAddress, string databasePath, bool ownsDatabase, string? adminKey, CapturedLogs logs, FakeTargets targets)
    {
        _app = app;
        BaseAddress = baseAddress;
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        AdminKey = adminKey;
        Logs = logs;
        Targets = targets;
    }

    public Uri BaseAddress { get; }

    public string DatabasePath { get; }

    /// <summary>The configured admin key, or null when the host bootstrapped its own.</summary>
    public string? AdminKey { get; }

    public CapturedLogs Logs { get; }

    public FakeTargets Targets { get; }

    public IServiceProvider Services => _app.Services;

    public IRolloutStore Store => Services.GetRequiredService<IRolloutStore>();

    public static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "orchestrator-api-tests", Guid.NewGuid().ToString("N"), "orchestrator.db");

    public static async Task<ApiTestHost> StartAsync(ApiTestHostOptions? options = null)
    {
        options ??= new ApiTestHostOptions();
        var databasePath = options.DatabasePath ?? NewDatabasePath();
        var adminKey = options.ConfiguredAdminKey ? ApiKeySecret.Generate() : null;
        var logs = new CapturedLogs();
        var targets = new FakeTargets();
        var wakeUps = new RecordingWakeUp();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orchestrator:Database:ConnectionString"] = $"Data Source={databasePath}",
            ["Orchestrator:Api:AdminKey"] = adminKey,
        });
        if (options.Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(options.Settings);
        }

        var services = builder.Services;
        if (options.Time is not null)
        {
            services.AddSingleton(options.Time);
        }

        // The service's composition: the rollout core, then the API's two lines; the worker's wake-up is a recorder here.
        services.AddRolloutCore(builder.Configuration);
        services.AddRolloutApi(builder.Configuration);
        services.AddSingleton<IRolloutWakeUp>(wakeUps);
        services.AddSingleton<IEndpointTargetFactory>(targets);
        options.Services?.Invoke(services);

        var app = builder.Build();
        app.MapRolloutApi();
        await app.Services.GetRequiredService<IRolloutStore>().MigrateAsync();
        await app.StartAsync();
        return new ApiTestHost(app, new Uri(app.Urls.First()), databasePath, options.DatabasePath is null, adminKey, logs, targets);
    }

    /// <summary>A client that sends <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>A key of the role (admin: the configured key), created once per host through the API itself.</summary>
    public async Task<string> KeyAsync(ActorRole role)
    {
        if (role == ActorRole.Admin && AdminKey is not null)
        {
            return AdminKey;
        }

        if (_roleKeys.TryGetValue(role, out var key))
        {
            return key;
        }

        var response = await Client(AdminKey).PostAsJsonAsync("/api/v1/keys", new { name = $"{ApiRoles.NameOf(role)}-key", role = ApiRoles.NameOf(role) });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedApiKey>();
        _roleKeys[role] = created!.Key;
        return created.Key;
    }

    /// <summary>A stored rollout (straight into the store, not through submit).</summary>
    public async Task<Rollout> InsertAsync(Rollout rollout)
    {
        await Store.InsertAsync(rollout, []);
        return rollout;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsDatabase)
        {
            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
        }
    }
}
