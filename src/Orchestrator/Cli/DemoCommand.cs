using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Demo;
using Orchestrator.Hosting;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets.Local;

namespace Orchestrator.Cli;

/// <summary>
/// <c>demo</c>: starts the embedded local endpoint with blue (model-1), drives steady traffic, and rolls green
/// (model-2) out along the default path with short bakes; <c>--scenario faulty</c> breaks green at 10% live and
/// shows the automatic rollback. Ends within two minutes with a summary.
/// </summary>
internal static class DemoCommand
{

    public static Command Create()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "healthy (green is fine and replaces blue) or faulty (green slows down and fails at 10% live: automatic rollback).",
            DefaultValueFactory = _ => "healthy",
        };
        scenario.AcceptOnlyFromAmong("healthy", "faulty");
        var json = new Option<bool>("--json") { Description = "Print the final summary as one JSON object on stdout (progress goes to stderr)." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Keep the demo's state in this folder (default: a fresh temporary folder).", HelpName = "dir" };
        var command = new Command("demo", "Watch a blue → green rollout on the embedded local endpoint, end to end, in under two minutes.")
        {
            scenario, json, data,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetRequiredValue(scenario) == "faulty",
            result.GetValue(json),
            result.GetValue(data),
            result.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool faulty, bool json, DirectoryInfo? data, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var progress = json ? console.Error : console.Output;
        var folder = data?.FullName ?? Path.Combine(Path.GetTempPath(), "orchestrator-demo", Guid.NewGuid().ToString("N"));
        using var host = HeadlessNode.Build(new NodeSettings(folder), LogLevel.Error, (services, _) =>
        {
            services.Configure<PlanOptions>(o => o.BaseDirectory = AppContext.BaseDirectory);
            services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        });
        await host.StartAsync(CancellationToken.None);
        var clock = host.Services.GetRequiredService<TimeProvider>();
        var localHost = host.Services.GetRequiredService<LocalEndpointHost>();
        await progress.WriteLineAsync($"demo ({(faulty ? "faulty green" : "healthy green")}): data in {folder}; 20 requests/s to endpoint '{DemoPlan.Endpoint}'");

        await using var traffic = new SyntheticTraffic(localHost, DemoPlan.Endpoint, 20, PlanDefaults.SampleRequest, clock);
        traffic.Start();
        var rollout = new ForegroundRollout(host.Services, progress);
        var faultInjected = false;
        rollout.Changed += async r =>
        {
            if (faulty && !faultInjected && r.Phase == RolloutPhase.Canary)
            {
                faultInjected = true;
                await progress.WriteLineAsync("  >>> injecting a fault into green: +400 ms latency, 30% HTTP 500");
                await localHost.SetFaultsAsync(DemoPlan.Endpoint, "green", new FaultInjection(new LatencyFault(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(50)), 0.3, null, false), CancellationToken.None);
            }
        };

        var modelsDirectory = Path.Combine(AppContext.BaseDirectory, "samples", "models");
        var actor = new Actor(Environment.UserName, ActorRole.ReleaseManager, CommandSource.Cli);
        var summary = await rollout.RunAsync(DemoPlan.Yaml(modelsDirectory), actor, cancellationToken);
        await traffic.DisposeAsync();
        summary = summary with { SyntheticTraffic = traffic.Counts };
        await host.StopAsync(CancellationToken.None);

        var statuses = string.Join(", ", traffic.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        await progress.WriteLineAsync($"client responses: {statuses}");
        if (json)
        {
            await console.Output.WriteLineAsync(summary.ToJson());
        }
        else
        {
            summary.Print(console.Output);
        }

        return summary.FinalState == (faulty ? RolloutPhase.RolledBack : RolloutPhase.Succeeded) ? ExitCodes.Success : ExitCodes.RolledBack;
    }
}
