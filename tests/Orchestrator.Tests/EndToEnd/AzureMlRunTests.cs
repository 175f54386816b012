using System.Globalization;
using System.Text.Json.Nodes;
using AzureMlEmulator;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Issue 4's "Done when": the real <c>run</c> verb, as a child process, drives an Azure ML plan against the emulator
/// over HTTPS (extra trusted CA, pre-obtained token file) from an empty workspace, as the safe-rollout walkthrough
/// begins. The emulator scores steady load on the endpoint itself so the gates have Azure Monitor data.
/// </summary>
public sealed class AzureMlRunTests : IAsyncLifetime
{
    private const string Subscription = "00000000-0000-0000-0000-000000000000";
    private const string ResourceGroup = "my-resource-group";
    private const string Workspace = "my-workspace";
    private const string Endpoint = "my-endpoint";

    private readonly EmulatorClock _clock = new();
    private readonly string _token = "arm-token-" + Guid.NewGuid().ToString("N");
    private string _directory = "";
    private EmulatorHost? _emulator;

    private EmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    private string PlanFile => Path.Combine(_directory, "plan.yaml");

    public async Task InitializeAsync()
    {
        // Azure Monitor serves whole minutes and the metric source never trusts the still-filling one. Stamping every
        // request in the middle of the previous, completed minute lets the gates see the load within seconds; the
        // plan's 10-minute gate windows keep that minute in view for the whole run.
        var now = TimeProvider.System.GetUtcNow();
        _clock.Freeze(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero) - TimeSpan.FromSeconds(30));

        // Only this token is accepted: the run must read it from the token file.
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Clock = _clock, RequiredToken = _token, RetryAfter = TimeSpan.FromMilliseconds(20), LroPolls = 1 });
        _directory = Directory.CreateTempSubdirectory("azureml-run-").FullName;
        Emulator.WriteCaCertificate(Path.Combine(_directory, "ca.pem"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "token.txt"), _token + "\n");
        await File.WriteAllTextAsync(PlanFile, Plan("5s"));
        Emulator.Knobs.SetLoad(Endpoint, 20);
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Run_HealthyGreen_SucceedsWithTheWalkthroughsRestCalls()
    {
        var result = await RunAsync();

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("Succeeded", result.FinalState);
        Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, result.Map("traffic"));
        Assert.Empty(result.Map("mirror"));
        Assert.Equal(["green"], result.Summary.GetProperty("deployments").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(
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
            ],
            Mutations());
    }

    [Fact]
    public async Task Run_GreenWithInjectedLatency_RollsBackToBlueWithoutMirror()
    {
        Emulator.Knobs.InjectLatency("green", TimeSpan.FromMilliseconds(400));

        var result = await RunAsync();

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("RolledBack", result.FinalState);
        Assert.Contains("gate 'p99-latency' failed", result.RollbackReason, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, result.Map("traffic"));
        Assert.Empty(result.Map("mirror"));
        var (live, mirror) = Emulator.Traffic(Subscription, ResourceGroup, Workspace, Endpoint)!.Value;
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, live);
        Assert.Empty(mirror);

        // Green was rolled back while it shadowed blue: the last change puts everything back on blue, mirror reset.
        var mutations = Mutations();
        Assert.Equal("PUT endpoint traffic={blue:100} mirror={green:10}", mutations[^2]);
        Assert.Equal("PUT endpoint traffic={blue:100} mirror={}", mutations[^1]);
    }

    [Fact]
    public async Task Run_TerminatedWhileShadowing_AbortsAndRollsBackToBlue()
    {
        await File.WriteAllTextAsync(PlanFile, Plan("10m"));
        using var run = Start();
        await run.WaitForProgressAsync("Shadowing");

        await run.TerminateAsync();
        var result = await run.WaitAsync();

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("RolledBack", result.FinalState);
        Assert.Contains("interrupted", result.RollbackReason, StringComparison.Ordinal);
        var (live, mirror) = Emulator.Traffic(Subscription, ResourceGroup, Workspace, Endpoint)!.Value;
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, live);
        Assert.Empty(mirror);
    }

    private static string Plan(string bake) => $$"""
        # examples/azureml-default.yaml's fields, with a baseline spec (the walkthrough starts from an empty
        # workspace), the given bakes and an inline policy that checks every second.
        target:
          kind: azureml
          endpoint: my-endpoint
          subscription: 00000000-0000-0000-0000-000000000000
          resourceGroup: my-resource-group
          workspace: my-workspace
        baseline:
          name: blue
          spec: {model: "azureml:model-1:1", instance_type: Standard_DS3_v2, instance_count: 1}
        candidate:
          name: green
          spec:
            model: azureml:model-2:1
            code_configuration: {code: "azureml:score-code:1", scoring_script: score.py}
            environment: azureml:sklearn-env:1
            instance_type: Standard_DS3_v2
            instance_count: 1
        bakes: {mirror: {{bake}}, traffic: {{bake}}, promotion: {{bake}}}
        gates:
          inline:
            interval: 1s
            failureLimit: 2
            inconclusiveLimit: 5
            maxBlind: 1m
            gates:
              - {name: p99-latency, metric: latency_p99_ms, max: 200, window: 10m, minSamples: 3}
              - {name: 5xx-vs-baseline, metric: error_rate_5xx, maxPointsOverBaseline: 5, window: 10m, minSamples: 3}
        rollback: {deleteCandidate: false}
        """;

    private async Task<RunResult> RunAsync()
    {
        using var run = Start();
        return await run.WaitAsync();
    }

    private RunVerbProcess Start() => RunVerbProcess.Start(PlanFile, _directory, new Dictionary<string, string>
    {
        ["ORCHESTRATOR_AzureMl__ArmEndpoint"] = Emulator.BaseUrl.AbsoluteUri,
        ["ORCHESTRATOR_AzureMl__TrustedCaCertificateFile"] = Path.Combine(_directory, "ca.pem"),
        ["ORCHESTRATOR_AzureMl__AccessTokenFile"] = Path.Combine(_directory, "token.txt"),
        ["ORCHESTRATOR_AzureMl__MinPollInterval"] = "00:00:00.050",
        ["ORCHESTRATOR_AzureMl__DefaultPollInterval"] = "00:00:00.100",
        ["ORCHESTRATOR_AzureMl__RetryBaseDelay"] = "00:00:00.050",
        ["ORCHESTRATOR_AzureMl__OperationTimeout"] = "00:02:00",
        ["ORCHESTRATOR_AzureMl__ProvisioningTimeout"] = "00:02:00",
    });

    /// <summary>The state-changing control-plane calls, in order, with the traffic maps of endpoint PUTs.</summary>
    private List<string> Mutations() =>
        [.. Emulator.Requests.Entries.Where(r => r.IsMutation && !r.IsOperationPoll).Select(Describe)];

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
