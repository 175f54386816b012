using System.CommandLine;

namespace Orchestrator.Cli.Client;

/// <summary>
/// <c>rollouts &lt;verb&gt;</c>: the on-call and release-manager verbs, as a client of a running <c>serve</c> over its
/// HTTP API (docs/api.md). The key's name is the actor; the API records the source as Cli.
/// </summary>
internal static class RolloutsCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new ClientOptions();
        var command = new Command("rollouts", $"List, inspect, submit, follow and act on rollouts of a running service (--server, ${ClientOptions.ApiKeyVariable}).");
        options.AddTo(command);
        foreach (var verb in RolloutReadCommands.Create(options, context)
            .Concat(RolloutActionCommands.Create(options, context))
            .Append(WatchRolloutCommand.Create(options, context)))
        {
            command.Subcommands.Add(verb);
        }

        return command;
    }
}
