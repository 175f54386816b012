using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.GetRollout;
using Orchestrator.Features.Rollouts.GetRolloutAudit;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Persistence;

namespace Orchestrator.Cli.Client;

/// <summary>The reading verbs: <c>rollouts list</c>, <c>get</c>, <c>gates</c> and <c>audit</c> (any key role may read).</summary>
internal static class RolloutReadCommands
{
    public static IEnumerable<Command> Create(ClientOptions options, CliContext context) =>
        [List(options, context), Get(options, context), Gates(options, context), Audit(options, context)];

    private static Command List(ClientOptions options, CliContext context)
    {
        var state = new Option<string?>("--state") { Description = "Only rollouts in this state (Canary, Paused, RolledBack, Queued, ...).", HelpName = "state" };
        var endpoint = new Option<string?>("--endpoint") { Description = "Only rollouts of this endpoint (its name).", HelpName = "name" };
        var limit = new Option<int?>("--limit") { Description = "At most this many (the API's default when absent).", HelpName = "n", CustomParser = CliOptions.WholeNumber };
        var command = new Command("list", "List rollouts, newest first.") { state, endpoint, limit };
        command.SetClientAction(options, context, async (call, cancellationToken) =>
        {
            var query = new List<string>();
            AddQuery(query, "state", call.Result.GetValue(state));
            AddQuery(query, "endpoint", call.Result.GetValue(endpoint));
            AddQuery(query, "limit", call.Result.GetValue(limit)?.ToString(CultureInfo.InvariantCulture));
            var answer = await call.Client.GetAsync("api/v1/rollouts" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), cancellationToken).ConfigureAwait(false);
            if (!Print(call, answer))
            {
                var list = answer.Read<RolloutList>();
                if (list.Rollouts.Count == 0)
                {
                    await call.Output.WriteLineAsync("no rollouts").ConfigureAwait(false);
                }
                else
                {
                    RolloutText.PrintList(list, call.Output);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(ClientOptions options, CliContext context)
    {
        var id = ClientOptions.RolloutId();
        var command = new Command("get", "One rollout: state, step, bake, desired and actual traffic, the last gate verdicts, the actions permitted now.") { id };
        command.SetClientAction(options, context, async (call, cancellationToken) =>
        {
            var answer = await call.Client.GetAsync($"api/v1/rollouts/{call.Result.GetRequiredValue(id)}", cancellationToken).ConfigureAwait(false);
            if (!Print(call, answer))
            {
                RolloutText.Print(answer.Read<RolloutView>(), call.Output);
            }

            return ExitCodes.Success;
        }, result => ClientVerb.CheckId(result.GetRequiredValue(id)));
        return command;
    }

    private static Command Gates(ClientOptions options, CliContext context)
    {
        var id = ClientOptions.RolloutId();
        var step = new Option<int?>("--step") { Description = "Only the rounds of this step (1-based, as get and list show it).", HelpName = "n", CustomParser = CliOptions.WholeNumber };
        var command = new Command("gates", "The rollout's gate rounds, oldest first (every page): each gate's verdict with observed value, baseline, threshold and samples.") { id, step };
        command.SetClientAction(options, context, async (call, cancellationToken) =>
        {
            // Every page: people count steps from 1 (get, list, watch), the API from 0.
            var rollout = Guid.Parse(call.Result.GetRequiredValue(id));
            var (rounds, next) = await new RolloutFeeds(call.Client, rollout).ReadRoundsAsync(0, call.Result.GetValue(step) - 1, cancellationToken).ConfigureAwait(false);
            var history = new GateHistory(rollout, rounds, next, HasMore: false);
            if (call.Settings.Json)
            {
                await call.Output.WriteLineAsync(JsonSerializer.Serialize(history, StoredJson.Options)).ConfigureAwait(false);
            }
            else if (history.Rounds.Count == 0)
            {
                await call.Output.WriteLineAsync("no gate rounds yet").ConfigureAwait(false);
            }
            else
            {
                RolloutText.PrintGates(history, call.Output);
            }

            return ExitCodes.Success;
        }, result => ClientVerb.AllOf(
            ClientVerb.CheckId(result.GetRequiredValue(id)),
            result.GetValue(step) is < 1 ? "--step: steps count from 1" : null));
        return command;
    }

    private static Command Audit(ClientOptions options, CliContext context)
    {
        var id = ClientOptions.RolloutId();
        var command = new Command("audit", "The rollout's audit log, oldest first: who did what, from where (Api, Cli, Dashboard, Webhook, Scheduler), and why.") { id };
        command.SetClientAction(options, context, async (call, cancellationToken) =>
        {
            var rollout = Guid.Parse(call.Result.GetRequiredValue(id));
            var (entries, next) = await new RolloutFeeds(call.Client, rollout).ReadAuditAsync(0, cancellationToken).ConfigureAwait(false);
            var log = new AuditLog(rollout, entries, next, HasMore: false);
            if (call.Settings.Json)
            {
                await call.Output.WriteLineAsync(JsonSerializer.Serialize(log, StoredJson.Options)).ConfigureAwait(false);
            }
            else
            {
                RolloutText.PrintAudit(log, call.Output);
            }

            return ExitCodes.Success;
        }, result => ClientVerb.CheckId(result.GetRequiredValue(id)));
        return command;
    }

    /// <summary>With <c>--json</c>, prints the answer as it came and returns true; else false (the caller prints for people).</summary>
    internal static bool Print(ClientInvocation call, ApiAnswer answer)
    {
        if (!call.Settings.Json)
        {
            return false;
        }

        call.Output.WriteLine(answer.Body);
        return true;
    }

    private static void AddQuery(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
