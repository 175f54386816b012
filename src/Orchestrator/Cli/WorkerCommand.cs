using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary><c>worker</c>: a headless node (scheduler, core, local host; no API) until stopped.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data();
        var command = new Command("worker", "Run a headless node: the rollout worker and the local endpoint host, without the HTTP API (one node per database today: see docs/operations.md, \"Several nodes\").") { data };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (SettingArguments.Problem(result.UnmatchedTokens) is { } notASetting)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"error: {notASetting}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            using var host = HeadlessNode.Build(
                new NodeSettings(result.GetRequiredValue(data).FullName),
                LogLevel.Information,
                (services, configuration) => TargetRegistration.AddConfiguredTargets(services, configuration),
                [.. result.UnmatchedTokens]);
            StartupRefusal.ValidateOptions(host.Services);
            await host.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }
}
