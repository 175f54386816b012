using Orchestrator.Api.Tests;
using Orchestrator.Cli.Tests;
using Orchestrator.Rollouts;

namespace Orchestrator.Cli.Client.Tests;

/// <summary>
/// The <c>rollouts</c> verbs run in-process against a test host over real loopback HTTP, with the server address and
/// key passed as the environment variables the CLI reads (never the process's own environment).
/// </summary>
internal sealed class ClientCli(ApiTestHost host, string? key, TimeProvider? time = null)
{
    public static async Task<ClientCli> ForAsync(ApiTestHost host, ActorRole role, TimeProvider? time = null) => new(host, await host.KeyAsync(role), time);

    public CliContext Context => new(time ?? TimeProvider.System, name => name switch
    {
        "ORCHESTRATOR_URL" => host.BaseAddress.ToString(),
        "ORCHESTRATOR_API_KEY" => key,
        _ => null,
    });

    /// <summary>Runs <c>rollouts</c> with the given arguments.</summary>
    public Task<CliRun> RunAsync(params string[] args) => CliRun.InProcessAsync(Context, ["rollouts", .. args]);
}
