using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Tests.Common;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>
/// One local endpoint host shared by the local host tests (each test class uses endpoints of its own), on a test
/// clock that places measurements in windows. The tests run one after another: they start real processes and
/// compare latencies, which parallel runs on a 2-core machine would disturb.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    /// <summary>The sample request of the Azure ML walkthrough (samples/sample-request.json).</summary>
    public const string SampleRequest = """{"data": [[1,2,3,4,5,6,7,8,9,10],[10,9,8,7,6,5,4,3,2,1]]}""";

    public TestClock Clock { get; } = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"local-host-tests-{Guid.NewGuid():N}");

    public LocalEndpointHost Host { get; private set; } = null!;

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static string Model1 => Path.Combine(AppContext.BaseDirectory, "samples", "models", "model-1.json");

    public static string Model2 => Path.Combine(AppContext.BaseDirectory, "samples", "models", "model-2.json");

    /// <summary>A host over its own data directory (restart tests make their own).</summary>
    public static LocalEndpointHost CreateHost(string dataDirectory, TimeProvider clock) =>
        new(Options.Create(new LocalEndpointHostOptions
        {
            DataDirectory = dataDirectory,
            ReadinessTimeout = TimeSpan.FromMinutes(2),
            StopTimeout = TimeSpan.FromSeconds(10),
        }), clock, NullLoggerFactory.Instance);

    /// <summary>A spec with a readiness probe that gives up quickly, for deployments meant to fail their start.</summary>
    public static DeploymentSpec FailingStart(string model) =>
        DeploymentSpec.ForModel(model) with
        {
            Faults = FaultInjection.None with { FailStart = true },
            ReadinessProbe = new ProbeSettings(TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), 5, 1),
        };

    public async Task InitializeAsync()
    {
        Host = CreateHost(DataDirectory, Clock);
        await Host.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Client.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>An endpoint with deployments (name, model) all started, and the given traffic.</summary>
    public async Task<LocalEndpoint> CreateEndpointAsync(string name, TrafficSplit traffic, params (string Name, DeploymentSpec Spec)[] deployments)
    {
        var endpoint = await Host.EnsureEndpointAsync(name);
        await Task.WhenAll(deployments.Select(d => endpoint.PutDeploymentAsync(d.Name, d.Spec)));
        await endpoint.SetTrafficAsync(traffic);
        return endpoint;
    }

    /// <summary>One scoring request over HTTP, as a client sends it.</summary>
    public async Task<Scored> ScoreAsync(LocalEndpoint endpoint, string body = SampleRequest, string? deployment = null, string? key = "primary")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.ScoringUri) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key == "primary" ? endpoint.Keys.PrimaryKey : key);
        }

        if (deployment is not null)
        {
            request.Headers.Add("azureml-model-deployment", deployment);
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var servedBy = response.Headers.TryGetValues("azureml-model-deployment", out var values) ? values.Single() : null;
        var modelStatus = response.Headers.TryGetValues("ms-azureml-model-error-statuscode", out var codes) ? codes.Single() : null;
        return new Scored((int)response.StatusCode, text, servedBy, modelStatus, elapsed);
    }

    /// <summary>Many requests at once, <paramref name="concurrency"/> in flight.</summary>
    public async Task<List<Scored>> ScoreManyAsync(LocalEndpoint endpoint, int count, int concurrency, string? deployment = null)
    {
        var results = new List<Scored>(count);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var scored = await ScoreAsync(endpoint, deployment: deployment);
                lock (results)
                {
                    results.Add(scored);
                }
            }
        }));
        return results;
    }

    /// <summary>Waits (polling, generously bounded for a loaded machine) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromMinutes(2)).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(50);
        }
    }
}

/// <summary>A client's view of one scoring request.</summary>
public sealed record Scored(int Status, string Body, string? ServedBy, string? ModelStatus, TimeSpan Elapsed);

[CollectionDefinition(Name)]
public sealed class LocalHostTestGroup : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "Local endpoint host";
}
