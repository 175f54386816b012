using System.CommandLine;

namespace Orchestrator.Cli.Client;

/// <summary><c>rollouts watch &lt;id&gt;</c>: follows a rollout until it ends and exits like <c>run</c>.</summary>
internal static class WatchRolloutCommand
{
    private const int MinIntervalSeconds = 1;
    private const int MaxIntervalSeconds = 300;

    public static Command Create(ClientOptions options, CliContext context)
    {
        var id = ClientOptions.RolloutId();
        var interval = new Option<int>("--interval")
        {
            Description = $"Seconds between polls ({MinIntervalSeconds}–{MaxIntervalSeconds}).",
            HelpName = "seconds",
            DefaultValueFactory = _ => 2,
            CustomParser = result => CliOptions.WholeNumber(result) ?? 0,
        };
        var command = new Command(
            "watch",
            "Follow a rollout until it ends, printing each change of state, step and split and each gate round; exit 0 Succeeded, 1 RolledBack or Cancelled, 3 Failed.")
        {
            id, interval,
        };
        command.SetClientAction(options, context, (call, cancellationToken) =>
        {
            var watcher = new RolloutWatcher(call.Client, Guid.Parse(call.Result.GetRequiredValue(id)), TimeSpan.FromSeconds(call.Result.GetValue(interval)), call);
            return watcher.WatchAsync(cancellationToken);
        }, result => ClientVerb.AllOf(
            ClientVerb.CheckId(result.GetRequiredValue(id)),
            result.GetValue(interval) is < MinIntervalSeconds or > MaxIntervalSeconds ? $"--interval: {result.GetValue(interval)} s is outside {MinIntervalSeconds}–{MaxIntervalSeconds}" : null));
        return command;
    }
}
