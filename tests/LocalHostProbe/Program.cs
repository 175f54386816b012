using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets.Local;

namespace LocalHostProbe;

/// <summary>
/// <c>LocalHostProbe --data DIR --model FILE</c>: starts a local endpoint host on DIR, makes sure endpoint
/// <c>probe</c> has deployment <c>blue</c> (2 instances, all traffic) unless it was restored, prints one JSON line
/// (port, key, instance process ids), then runs until its stdin closes.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var data = args[Array.IndexOf(args, "--data") + 1];
        var model = args[Array.IndexOf(args, "--model") + 1];
        var options = Options.Create(new LocalEndpointHostOptions { DataDirectory = data, ReadinessTimeout = TimeSpan.FromMinutes(2) });
        await using var host = new LocalEndpointHost(options, TimeProvider.System, NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);

        var restored = host.GetEndpoint("probe") is not null;
        var endpoint = await host.EnsureEndpointAsync("probe");
        if (!restored)
        {
            await endpoint.PutDeploymentAsync("blue", DeploymentSpec.ForModel(model, instanceCount: 2));
            await endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));
        }

        var report = new Dictionary<string, object>
        {
            ["restored"] = restored,
            ["port"] = endpoint.Port,
            ["key"] = endpoint.Keys.PrimaryKey,
            ["pids"] = endpoint.GetInstances("blue").Select(i => i.ProcessId ?? 0).ToArray(),
        };
        Console.WriteLine(JsonSerializer.Serialize(report));

        // Until the test closes stdin (or kills this process with -9, which is the point).
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
