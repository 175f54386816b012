using System.Globalization;
using System.Text.Json.Nodes;
using AzureMlEmulator;
using Microsoft.Data.Sqlite;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// One emulator and one working folder for the real <c>run</c> verb against Azure ML (issue 4): the emulator over
/// HTTPS with its CA written to a PEM file, a token file holding the only ARM token the emulator accepts, the plan,
/// and the run's data folder (its SQLite database). The run is configured through <c>ORCHESTRATOR_*</c> variables,
/// as a CI job would configure it, with small poll and retry intervals so that a whole rollout takes seconds.
/// </summary>
internal sealed class AzureMlRunHarness : IAsyncDisposable
{
    public const string Subscription = "00000000-0000-0000-0000-000000000000";
    public const string ResourceGroup = "my-resource-group";
    public const string Workspace = "my-workspace";
    public const string Endpoint = "my-endpoint";

    /// <summary>The safe-rollout walkthrough's changes, from an empty workspace, as <see cref="Mutations"/> describes them.</summary>
    public static readonly IReadOnlyList<string> Walkthrough =
    [
        // create_endpoint, create_blue --all-traffic (the plan's baseline spec, from nothing)
        "PUT endpoint traffic=none mirror=none",
        "PUT deployment blue",
        "PUT endpoint traffic={blue:100} mirror={}",

        // create_green, mirror green=10, reset mirror, blue=90 green=10, blue=0 green=100, delete blue
        "PUT deployment green",
        "PUT endpoint traffic={blue:100} mirror={green:10}",
        "PUT endpoint traffic={blue:100} mirror={}",
        "PUT endpoint traffic={blue:90,green:10} mirror={}",
        "PUT endpoint traffic={green:100} mirror={}",
        "DELETE deployment blue",
    ];

    private readonly string _directory;

    private AzureMlRunHarness(EmulatorHost emulator, string directory, string token)
    {
        Emulator = emulator;
        _directory = directory;
        Token = token;
        Settings = new Dictionary<string, string>
        {
            ["ORCHESTRATOR_AzureMl__ArmEndpoint"] = emulator.BaseUrl.AbsoluteUri,
            ["ORCHESTRATOR_AzureMl__TrustedCaCertificateFile"] = Path.Combine(directory, "ca.pem"),
            ["ORCHESTRATOR_AzureMl__AccessTokenFile"] = Path.Combine(directory, "token.txt"),
            ["ORCHESTRATOR_AzureMl__MinPollInterval"] = "00:00:00.050",
            ["ORCHESTRATOR_AzureMl__DefaultPollInterval"] = "00:00:00.100",
            ["ORCHESTRATOR_AzureMl__RetryBaseDelay"] = "00:00:00.050",
            ["ORCHESTRATOR_AzureMl__OperationTimeout"] = "00:02:00",
            ["ORCHESTRATOR_AzureMl__ProvisioningTimeout"] = "00:02:00",
        };
    }

    public EmulatorHost Emulator { get; }

    /// <summary>The ARM access token, the only one the emulator accepts; the run reads it from the token file.</summary>
    public string Token { get; }

    /// <summary>The run's environment; a test may change a setting (e.g. a short timeout) before it starts the run.</summary>
    public Dictionary<string, string> Settings { get; }

    public string PlanFile => Path.Combine(_directory, "plan.yaml");

    /// <summary>The run's <c>--data</c> folder (its database), apart from the token and CA files.</summary>
    public string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>
    /// Starts an emulator whose requests are stamped in the previous, completed minute (Azure Monitor serves whole
    /// minutes and the metric source never trusts the still-filling one), so the gates see the load within seconds;
    /// the plans' 10-minute gate windows keep that minute in view for the whole run.
    /// </summary>
    public static async Task<AzureMlRunHarness> StartAsync(double load = 20)
    {
        var clock = new EmulatorClock();
        var now = TimeProvider.System.GetUtcNow();
        clock.Freeze(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero) - TimeSpan.FromSeconds(30));
        var token = "arm-token-" + Guid.NewGuid().ToString("N");
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Clock = clock, RequiredToken = token, RetryAfter = TimeSpan.FromMilliseconds(20), LroPolls = 1 });
        var directory = Directory.CreateTempSubdirectory("azureml-run-").FullName;
        emulator.WriteCaCertificate(Path.Combine(directory, "ca.pem"));
        await File.WriteAllTextAsync(Path.Combine(directory, "token.txt"), token + "\n");
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        emulator.Knobs.SetLoad(Endpoint, load);
        return new AzureMlRunHarness(emulator, directory, token);
    }

    /// <summary>
    /// examples/azureml-default.yaml's fields with the given bakes and an inline policy that checks every second.
    /// By default the baseline has a spec (the walkthrough starts from an empty workspace); <paramref name="target"/>
    /// adds lines under <c>target</c> and <paramref name="steps"/> lists steps instead of the default path.
    /// </summary>
    public static string Plan(string bake, string maxBlind = "1m", string target = "", bool baselineSpec = true, string steps = "") => $$"""
        target:
          kind: azureml
          endpoint: {{Endpoint}}
          subscription: {{Subscription}}
          resourceGroup: {{ResourceGroup}}
          workspace: {{Workspace}}
        {{target}}
        baseline:
          name: blue
        {{(baselineSpec ? "  spec: {model: \"azureml:model-1:1\", instance_type: Standard_DS3_v2, instance_count: 1}" : "")}}
        candidate:
          name: green
          spec:
            model: azureml:model-2:1
            code_configuration: {code: "azureml:score-code:1", scoring_script: score.py}
            environment: azureml:sklearn-env:1
            instance_type: Standard_DS3_v2
            instance_count: 1
        bakes: {mirror: {{bake}}, traffic: {{bake}}, promotion: {{bake}}}
        {{steps}}
        gates:
          inline:
            interval: 1s
            failureLimit: 2
            inconclusiveLimit: 5
            maxBlind: {{maxBlind}}
            gates:
              - {name: p99-latency, metric: latency_p99_ms, max: 200, window: 10m, minSamples: 3}
              - {name: 5xx-vs-baseline, metric: error_rate_5xx, maxPointsOverBaseline: 5, window: 10m, minSamples: 3}
        rollback: {deleteCandidate: false}
        """;

    public Task WritePlanAsync(string plan) => File.WriteAllTextAsync(PlanFile, plan);

    /// <summary>An endpoint made earlier by someone else, with blue at 100% (e.g. a Kubernetes one, which the service does not create).</summary>
    public void SeedBlue(string? kubernetesCompute = null) =>
        Emulator.SeedEndpoint(Subscription, ResourceGroup, Workspace, Endpoint, new Dictionary<string, int> { ["blue"] = 100 }, kubernetesCompute);

    public RunVerbProcess Start(params string[] extraArguments) => RunVerbProcess.Start(PlanFile, DataDirectory, Settings, extraArguments);

    public async Task<RunResult> RunAsync(params string[] extraArguments)
    {
        using var run = Start(extraArguments);
        return await run.WaitAsync();
    }

    /// <summary>The endpoint's live and mirrored traffic as the emulator holds it.</summary>
    public (IReadOnlyDictionary<string, int> Live, IReadOnlyDictionary<string, int> Mirror) Traffic() =>
        Emulator.Traffic(Subscription, ResourceGroup, Workspace, Endpoint) ?? throw new InvalidOperationException("The endpoint does not exist.");

    /// <summary>The state-changing control-plane calls, in order, with the traffic maps of endpoint PUTs.</summary>
    /// <param name="accepted">Only those the emulator accepted (not the 409s and 429s a fault knob answered).</param>
    public List<string> Mutations(bool accepted = false) =>
        [.. Emulator.Requests.Entries.Where(r => r.IsMutation && !r.IsOperationPoll && (!accepted || r.Succeeded)).Select(Describe)];

    /// <summary>The run's audit records (action, reason, to-state), read from its SQLite database after the run.</summary>
    public Task<List<(string Action, string? Reason, string? ToState)>> AuditAsync() =>
        QueryAsync("SELECT action, reason, to_state FROM audit_events ORDER BY seq", r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));

    /// <summary>The run's gate verdicts, in order, read from its SQLite database after the run.</summary>
    public Task<List<string>> VerdictsAsync() => QueryAsync("SELECT verdict FROM gate_evaluations ORDER BY seq", r => r.GetString(0));

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "orchestrator.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static string Describe(LoggedRequest request)
    {
        var segments = request.Path.Split('/');
        var deployments = Array.FindLastIndex(segments, s => s.Equals("deployments", StringComparison.OrdinalIgnoreCase));
        if (deployments >= 0)
        {
            return $"{request.Method} deployment {segments[deployments + 1]}";
        }

        var properties = request.Body is null ? null : JsonNode.Parse(request.Body)?["properties"];
        return $"{request.Method} endpoint traffic={Map(properties?["traffic"])} mirror={Map(properties?["mirrorTraffic"])}";
    }

    private static string Map(JsonNode? node) => node is JsonObject map
        ? "{" + string.Join(",", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}:{p.Value}"))) + "}"
        : "none";
}
