using AzureMlEmulator;
using Orchestrator.Endpoints;
using Orchestrator.Metrics;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl.Tests;

/// <summary>
/// One emulator over real HTTPS for a test class (xunit runs a class's tests one after another), plus clients
/// configured like the service: ARM endpoint, extra trusted CA and a pre-obtained token file. Waits are
/// milliseconds so tests stay fast. Tests use their own endpoint names and call <see cref="Reset"/> first.
/// </summary>
public sealed class AzureMlHarness : IAsyncLifetime
{
    public const string Subscription = "00000000-1111-2222-3333-444444444444";
    public const string ResourceGroup = "rg-rollouts";
    public const string WorkspaceName = "ws-rollouts";

    private readonly Action<EmulatorOptions>? _emulatorOptions;
    private readonly List<AzureMlClient> _clients = [];
    private string _directory = "";
    private AzureMlClient? _default;
    private EmulatorHost? _emulator;

    public AzureMlHarness()
        : this(null)
    {
    }

    internal AzureMlHarness(Action<EmulatorOptions>? emulatorOptions)
    {
        _emulatorOptions = emulatorOptions;
    }

    public static AzureWorkspace Workspace { get; } = new(Subscription, ResourceGroup, WorkspaceName);

    public EmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    /// <summary>The ARM access token (the emulator accepts only this one).</summary>
    public string Token { get; } = "arm-token-" + Guid.NewGuid().ToString("N");

    /// <summary>The default client's captured logs.</summary>
    public CapturingLoggerProvider Logs => Default.Logs;

    public AzureMlClient Default => _default ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { RequiredToken = Token, RetryAfter = TimeSpan.FromMilliseconds(20), LroPolls = 2 };
        _emulatorOptions?.Invoke(options);
        _emulator = await EmulatorHost.StartAsync(options);
        _directory = Directory.CreateTempSubdirectory("azureml-tests-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_directory, "token.txt"), Token + "\n");
        _emulator.WriteCaCertificate(Path.Combine(_directory, "ca.pem"));
        _default = Client();
    }

    /// <summary>A client over this emulator; <paramref name="configure"/> edits the <c>AzureMl:*</c> settings first.</summary>
    public AzureMlClient Client(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureMl:ArmEndpoint"] = Emulator.BaseUrl.AbsoluteUri,
            ["AzureMl:TrustedCaCertificateFile"] = Path.Combine(_directory, "ca.pem"),
            ["AzureMl:AccessTokenFile"] = Path.Combine(_directory, "token.txt"),
            ["AzureMl:MinPollInterval"] = "00:00:00.010",
            ["AzureMl:DefaultPollInterval"] = "00:00:00.050",
            ["AzureMl:RetryBaseDelay"] = "00:00:00.010",
            ["AzureMl:MaxRetryDelay"] = "00:00:01",
            ["AzureMl:MaxRetries"] = "6",
            ["AzureMl:OperationTimeout"] = "00:02:00",
            ["AzureMl:ProvisioningTimeout"] = "00:02:00",
        };
        configure?.Invoke(settings);
        var client = new AzureMlClient(settings);
        _clients.Add(client);
        return client;
    }

    /// <summary>Forgets logged requests and faults, and restores the default timing knobs.</summary>
    public void Reset()
    {
        Emulator.Requests.Clear();
        Emulator.Knobs.ClearFaults();
        Emulator.Knobs.LroPolls = 2;
        Emulator.Knobs.RetryAfter = TimeSpan.FromMilliseconds(20);
    }

    public IEndpointTarget Target(string endpoint, EndpointCompute compute = EndpointCompute.Managed) => Default.Target(endpoint, compute);

    public IMetricSource Metrics(string endpoint) => Default.Metrics(endpoint);

    /// <summary>Control-plane calls about one endpoint, without operation polls.</summary>
    public IReadOnlyList<LoggedRequest> Calls(string endpoint) =>
        [.. Emulator.Requests.Entries.Where(r => !r.IsOperationPoll && r.Path.Contains("/onlineEndpoints/" + endpoint, StringComparison.OrdinalIgnoreCase))];

    /// <summary>A spec as an az ml deployment YAML with registered assets would give it.</summary>
    public static DeploymentSpec Spec(string model, int instances = 1) =>
        new($"azureml:{model}:1", new CodeConfiguration($"azureml:{model}-code:1", "score.py"), "azureml:sklearn-env:3", "Standard_DS3_v2", instances, null, null, null, null, null);

    /// <summary>Creates the endpoint with blue (model-1) at 100%, as the walkthrough's first steps do.</summary>
    public async Task<IEndpointTarget> BlueAtFullTrafficAsync(string endpoint)
    {
        var target = Target(endpoint);
        await target.EnsureEndpointAsync();
        await target.PutDeploymentAsync("blue", Spec("model-1"));
        await target.SetTrafficAsync(TrafficSplit.AllTo("blue"));
        return target;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
