using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets.Local;

namespace LocalHostBench;

/// <summary>A local endpoint host with one endpoint serving model-1 from one instance, in its own data folder.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly LocalEndpointHost _host;
    private readonly LocalEndpoint _endpoint;
    private readonly string _data;

    private BenchHost(LocalEndpointHost host, LocalEndpoint endpoint, string data)
    {
        _host = host;
        _endpoint = endpoint;
        _data = data;
        Instance = endpoint.GetInstances("blue").Single();
        Scoring = Process.GetProcessById(Instance.ProcessId!.Value);
    }

    /// <summary>The endpoint: blue (warm, 100%), and whatever deployments a benchmark adds.</summary>
    public LocalEndpoint Endpoint => _endpoint;

    /// <summary>The deployment's only instance.</summary>
    public LocalInstanceInfo Instance { get; }

    /// <summary>The instance's process, for its CPU time.</summary>
    public Process Scoring { get; }

    public static async Task<BenchHost> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), $"local-host-bench-{Guid.NewGuid():N}");
        var options = Options.Create(new LocalEndpointHostOptions { DataDirectory = data });
        var host = new LocalEndpointHost(options, TimeProvider.System, NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);
        var endpoint = await host.EnsureEndpointAsync("bench");
        await endpoint.PutDeploymentAsync("blue", DeploymentSpec.ForModel(Path.Combine(AppContext.BaseDirectory, "samples", "models", "model-1.json")));
        await endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));
        return new BenchHost(host, endpoint, data);
    }

    /// <summary>A closed-loop run through the endpoint.</summary>
    public Task<(double[] LatenciesMs, double Throughput, int Failures)> RunAsync(HttpClient client, string body, int concurrency, TimeSpan duration) =>
        LoadRun.RunAsync(client, _endpoint.ScoringUri, _endpoint.Keys.PrimaryKey, body, concurrency, duration);

    public async ValueTask DisposeAsync()
    {
        Scoring.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
