using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace AzureMlEmulator;

/// <summary>
/// A running emulator of the Azure ML + Azure Monitor REST contract over HTTPS on 127.0.0.1, with its own
/// throw-away CA. Point a client's ARM endpoint at <see cref="BaseUrl"/> and make it trust <see cref="CaCertificatePem"/>.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorCertificates _certificates;
    private readonly EmulatorState _state;
    private readonly SyntheticLoad _load;

    private EmulatorHost(WebApplication app, EmulatorCertificates certificates, EmulatorState state, RequestLog requests, Uri baseUrl)
    {
        _app = app;
        _load = app.Services.GetRequiredService<SyntheticLoad>();
        _certificates = certificates;
        _state = state;
        Requests = requests;
        BaseUrl = baseUrl;
    }

    /// <summary>The ARM endpoint to configure clients with, e.g. <c>https://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The emulator CA's certificate (PEM) that clients must trust.</summary>
    public string CaCertificatePem => _certificates.CaPem;

    /// <summary>Fault and timing knobs.</summary>
    public EmulatorKnobs Knobs => _state.Knobs;

    /// <summary>The control-plane requests received so far.</summary>
    public RequestLog Requests { get; }

    /// <summary>The clock for metric timestamps (an <see cref="EmulatorClock"/> unless the options gave one).</summary>
    public TimeProvider Clock => _state.Clock;

    /// <summary>Starts an emulator; dispose it to stop.</summary>
    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var clock = options.Clock ?? new EmulatorClock();
        var knobs = new EmulatorKnobs(options);
        var state = new EmulatorState(options, knobs, clock);
        var requests = new RequestLog();

        // The certificate is checked against real time by TLS, whatever clock the metrics use.
        var certificates = EmulatorCertificates.Create(TimeProvider.System.GetUtcNow());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificates.Server)));
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(requests);
        builder.Services.AddSingleton<ScoringEngine>();
        builder.Services.AddSingleton<SyntheticLoad>();
        builder.Services.AddSingleton(knobs);
        if (clock is EmulatorClock emulatorClock)
        {
            builder.Services.AddSingleton(emulatorClock);
        }

        var app = builder.Build();
        app.UseMiddleware<ArmMiddleware>();
        EndpointRoutes.Map(app);
        DeploymentRoutes.Map(app);
        OperationRoutes.Map(app);
        MetricsRoutes.Map(app);
        ScoringRoutes.Map(app);
        ControlRoutes.Map(app);
        app.MapFallback((HttpContext context) => ArmError.Result(404, "NotFound", $"No route for {context.Request.Method} {context.Request.Path}."));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(address).Port;
        var baseUrl = new Uri($"https://127.0.0.1:{port}/");
        state.BaseUrl = baseUrl.AbsoluteUri.TrimEnd('/');
        var host = new EmulatorHost(app, certificates, state, requests, baseUrl);
        host._load.Start();
        return host;
    }

    /// <summary>Writes the CA certificate to a PEM file and returns its path.</summary>
    public string WriteCaCertificate(string path)
    {
        File.WriteAllText(path, CaCertificatePem);
        return path;
    }

    /// <summary>Every scoring request served so far (live and mirrored).</summary>
    public IReadOnlyList<ScoringRecord> ScoringRecords()
    {
        lock (_state.Gate)
        {
            return _state.Scoring();
        }
    }

    /// <summary>
    /// Creates an endpoint directly, as if made earlier by someone else (e.g. a Kubernetes endpoint with its
    /// compute attached, which the service does not create), with provisioned deployments and traffic.
    /// </summary>
    public void SeedEndpoint(string subscription, string resourceGroup, string workspace, string endpoint, IReadOnlyDictionary<string, int> traffic, string? kubernetesCompute = null, string model = "model-1")
    {
        ArgumentNullException.ThrowIfNull(traffic);
        _state.Seed(subscription, resourceGroup, workspace, endpoint, traffic, kubernetesCompute, model);
    }

    /// <summary>An endpoint's stored live and mirrored traffic, or null when it does not exist.</summary>
    public (IReadOnlyDictionary<string, int> Live, IReadOnlyDictionary<string, int> Mirror)? Traffic(string subscription, string resourceGroup, string workspace, string endpoint)
    {
        lock (_state.Gate)
        {
            var record = _state.Endpoint(EmulatorState.WorkspaceKey(subscription, resourceGroup, workspace), endpoint);
            return record is null ? null : (record.Traffic, record.Mirror);
        }
    }

    /// <summary>An endpoint's data-plane keys, or null when it does not exist.</summary>
    public (string Primary, string Secondary)? Keys(string subscription, string resourceGroup, string workspace, string endpoint)
    {
        lock (_state.Gate)
        {
            var record = _state.Endpoint(EmulatorState.WorkspaceKey(subscription, resourceGroup, workspace), endpoint);
            return record is null ? null : (record.PrimaryKey, record.SecondaryKey);
        }
    }

    /// <summary>The names of an endpoint's deployments with their provisioning states.</summary>
    public IReadOnlyDictionary<string, string> Deployments(string subscription, string resourceGroup, string workspace, string endpoint)
    {
        lock (_state.Gate)
        {
            var record = _state.Endpoint(EmulatorState.WorkspaceKey(subscription, resourceGroup, workspace), endpoint);
            return record?.Deployments.Values.ToDictionary(d => d.Name, d => d.ProvisioningState, StringComparer.OrdinalIgnoreCase) ?? [];
        }
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _load.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificates.Dispose();
    }
}
