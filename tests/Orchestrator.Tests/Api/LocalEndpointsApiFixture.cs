using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets.Local;

namespace Orchestrator.Api.Tests;

/// <summary>The API host with a real local endpoint host in it, and one endpoint whose blue runs one real scoring process.</summary>
public sealed class LocalEndpointsApiFixture : IAsyncLifetime
{
    public const string Endpoint = "api-local";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"local-api-tests-{Guid.NewGuid():N}");

    internal ApiTestHost Host { get; private set; } = null!;

    public LocalEndpoint LocalEndpoint { get; private set; } = null!;

    public HttpClient Scoring { get; } = new() { Timeout = TimeSpan.FromMinutes(1) };

    public async Task InitializeAsync()
    {
        Host = await ApiTestHost.StartAsync(new ApiTestHostOptions(Services: services => services.AddLocalEndpointHost(o =>
        {
            o.DataDirectory = _directory;
            o.ReadinessTimeout = TimeSpan.FromMinutes(2);
        })));
        LocalEndpoint = await Host.Services.GetRequiredService<LocalEndpointHost>().EnsureEndpointAsync(Endpoint);
        await LocalEndpoint.PutDeploymentAsync("blue", DeploymentSpec.ForModel(Path.Combine(AppContext.BaseDirectory, "samples", "models", "model-1.json")));
        await LocalEndpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));
    }

    public async Task DisposeAsync()
    {
        Scoring.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
