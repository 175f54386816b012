using System.Net;
using System.Security.Cryptography;
using System.Text;
using Xunit.Sdk;

namespace EndToEnd.Tests.Support;

/// <summary>
/// One real service per test class, on a data folder of its own, with an API key of each role made through the API.
/// It can be killed with kill -9 and started again on the same folder. Everything it started is killed in
/// <see cref="DisposeAsync"/>, whatever the tests left behind.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _adminKey = "rok_e2e_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private ServiceProcess? _service;

    /// <summary>The service's data folder (database and local endpoints).</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "orchestrator-e2e", Guid.NewGuid().ToString("N"));

    internal ServiceProcess Service => _service ?? throw new InvalidOperationException("the service is not running");

    /// <summary>The admin key (configured at start).</summary>
    internal OrchestratorApi Admin => Api(_adminKey);

    internal OrchestratorApi ReleaseManager { get; private set; } = null!;

    internal OrchestratorApi OnCall { get; private set; } = null!;

    internal OrchestratorApi Viewer { get; private set; } = null!;

    /// <summary>The names the role keys were created with (they become the actors in the audit log).</summary>
    internal const string ReleaseManagerName = "e2e-release-manager";
    internal const string OnCallName = "e2e-on-call";
    internal const string ViewerName = "e2e-viewer";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        await StartAsync();
        ReleaseManager = Api((await Admin.CreateKeyAsync(ReleaseManagerName, "release-manager")).Key);
        OnCall = Api((await Admin.CreateKeyAsync(OnCallName, "on-call")).Key);
        Viewer = Api((await Admin.CreateKeyAsync(ViewerName, "viewer")).Key);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        _http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>Starts the service (again) on the data folder; keys and rollouts are where the last one left them.</summary>
    internal async Task StartAsync()
    {
        if (_service is { HasExited: false })
        {
            throw new InvalidOperationException("the service is still running");
        }

        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        _service = await ServiceProcess.StartAsync(DataDirectory, _adminKey, _http);
    }

    /// <summary>A client with an API key of one's own.</summary>
    internal OrchestratorApi Api(string key) => new(_http, () => Service.BaseAddress, key);

    /// <summary>Traffic to the endpoint's data plane, found through the API (GET the endpoint, then listKeys) once it serves.</summary>
    internal ScoringTraffic StartTraffic(string endpoint, int requestsPerSecond = 25) =>
        ScoringTraffic.Start(cancellationToken => ScoringTargetAsync(endpoint, cancellationToken), requestsPerSecond);

    /// <summary>One scoring request now: its status and the deployment that answered.</summary>
    internal async Task<(HttpStatusCode Status, string? Deployment)> ScoreOnceAsync(string endpoint)
    {
        var target = await ScoringTargetAsync(endpoint) ?? throw new InvalidOperationException($"endpoint {endpoint} serves nothing");
        using var request = new HttpRequestMessage(HttpMethod.Post, target.ScoringUri)
        {
            Content = new StringContent(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "sample-request.json")), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", target.Key);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, response.Headers.TryGetValues("azureml-model-deployment", out var values) ? values.Single() : null);
    }

    /// <summary>Runs assertions; when one fails, the message also carries the service's output and the rollout's audit log and gates.</summary>
    internal async Task VerifyAsync(Guid rolloutId, Func<Task> assertions)
    {
        try
        {
            await assertions();
        }
        catch (XunitException e)
        {
            throw new XunitException($"{e.Message}\n{await ExplainAsync(rolloutId)}");
        }
    }

    /// <inheritdoc cref="VerifyAsync(Guid, Func{Task})"/>
    internal Task VerifyAsync(Guid rolloutId, Action assertions) => VerifyAsync(rolloutId, () =>
    {
        assertions();
        return Task.CompletedTask;
    });

    /// <summary>What a reader of a failed test needs: the audit log, the last gate rounds and the service's output tail.</summary>
    internal async Task<string> ExplainAsync(Guid? rolloutId)
    {
        var text = new StringBuilder();
        if (rolloutId is { } id)
        {
            try
            {
                var audit = await Admin.GetAuditAsync(id);
                text.Append("---- audit log of rollout ").Append(id).Append(" ----\n").AppendJoin('\n', audit.Events).Append('\n');
                var gates = await Admin.GetGatesAsync(id);
                text.Append("---- last gate rounds ----\n").AppendJoin('\n', gates.Rounds.TakeLast(6)).Append('\n');
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                text.Append("---- the audit log could not be read: ").Append(e.Message).Append(" ----\n");
            }
        }

        text.Append("---- service output (last lines) ----\n").Append(_service?.OutputTail() ?? "(not started)");
        return text.ToString();
    }

    private async Task<ScoringTarget?> ScoringTargetAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        var local = await Admin.GetLocalEndpointAsync(endpoint, cancellationToken);
        if (local is null || local.Traffic.Live.Values.Sum() == 0)
        {
            // Not serving yet: the rollout creates the endpoint and blue first.
            return null;
        }

        var keys = await Admin.ListKeysAsync(endpoint, cancellationToken);
        return new ScoringTarget(local.ScoringUri, keys.PrimaryKey);
    }
}
