using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Net.Mime;
using System.Text;
using Orchestrator.Api;
using Orchestrator.Persistence;
using ApiRolloutSummary = Orchestrator.Features.Rollouts.ListRollouts.RolloutSummary;

namespace Orchestrator.Cli.Client;

/// <summary>
/// The mutating verbs: <c>rollouts submit</c> and the human actions <c>pause</c>, <c>resume</c>, <c>abort</c>,
/// <c>promote</c>, <c>approve</c>, <c>retry</c>. Each sends <c>--request-id</c> (or a fresh id) as Idempotency-Key.
/// </summary>
internal static class RolloutActionCommands
{
    public static IEnumerable<Command> Create(ClientOptions options, CliContext context) =>
    [
        Submit(options, context),
        Action(options, context, "pause", "paused", "Hold the current split; gates keep watching and a failure still rolls back (on-call).", reasonRequired: false),
        Action(options, context, "resume", "resumed", "Release a paused rollout into the phase it was paused from (on-call).", reasonRequired: false),
        Action(options, context, "abort", "aborted", "Roll back now: baseline 100%, mirror 0 (on-call). --reason is required.", reasonRequired: true),
        Action(options, context, "promote", "promoted", "End the current bake now (release-manager).", reasonRequired: false),
        Action(options, context, "approve", "approved", "Approve the approval step the rollout waits on (release-manager).", reasonRequired: false),
        Action(options, context, "retry", "retried", "After a rollback, start over from the beginning (release-manager).", reasonRequired: false),
    ];

    private static Command Submit(ClientOptions options, CliContext context)
    {
        var plan = new Argument<FileInfo>("plan") { Description = "The rollout plan (YAML or JSON). Its relative model, code and request paths resolve against its folder, as validate and run do." };
        var serverPaths = new Option<bool>("--server-paths")
        {
            Description = "Resolve the plan's relative paths against the service's Orchestrator:Plans:BaseDirectory instead of the plan file's folder " +
                "(for a service on another machine, whose files the plan names as that machine sees them).",
        };
        var requestId = ClientOptions.RequestId();
        var command = new Command("submit", "Submit a plan to the service; it starts at once, or queues with onBusyEndpoint: queue (release-manager).") { plan, serverPaths, requestId };
        command.SetClientAction(options, context, async (call, cancellationToken) =>
        {
            var file = call.Result.GetRequiredValue(plan);
            if (!PlanFiles.TryRead(file, call.Error, out var text))
            {
                return ExitCodes.InvalidInput;
            }

            using var content = new StringContent(text, Encoding.UTF8, IsJson(file, text) ? MediaTypeNames.Application.Json : MediaTypeNames.Application.Yaml);
            var path = call.Result.GetValue(serverPaths) ? "api/v1/rollouts" : $"api/v1/rollouts?planDirectory={Uri.EscapeDataString(file.Directory!.FullName)}";
            var answer = await call.Client.PostAsync(path, content, ClientVerb.RequestIdOrNew(call.Result.GetValue(requestId)), cancellationToken).ConfigureAwait(false);
            if (!RolloutReadCommands.Print(call, answer))
            {
                var summary = answer.Read<ApiRolloutSummary>();
                await call.Output.WriteLineAsync(RolloutText.Outcome(answer.Status == HttpStatusCode.Accepted ? "queued" : "submitted", summary)).ConfigureAwait(false);
                await call.Output.WriteLineAsync($"follow it: rollouts watch {summary.Id}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, result => ClientVerb.CheckRequestId(result.GetValue(requestId)));
        return command;
    }

    private static Command Action(ClientOptions options, CliContext context, string action, string done, string description, bool reasonRequired)
    {
        var id = ClientOptions.RolloutId();
        var reason = ClientOptions.Reason(reasonRequired);
        var requestId = ClientOptions.RequestId();
        var command = new Command(action, description) { id, reason, requestId };
        command.SetClientAction(options, context, async (call, cancellationToken) =>
        {
            var why = call.Result.GetValue(reason);
            using var body = why is null ? null : JsonContent.Create(new ActionRequest(why), options: StoredJson.Options);
            var answer = await call.Client.PostAsync($"api/v1/rollouts/{call.Result.GetRequiredValue(id)}/{action}", body, ClientVerb.RequestIdOrNew(call.Result.GetValue(requestId)), cancellationToken)
                .ConfigureAwait(false);
            if (!RolloutReadCommands.Print(call, answer))
            {
                await call.Output.WriteLineAsync(RolloutText.Outcome(done, answer.Read<ApiRolloutSummary>())).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, result => ClientVerb.AllOf(
            ClientVerb.CheckId(result.GetRequiredValue(id)),
            reasonRequired && string.IsNullOrWhiteSpace(result.GetValue(reason)) ? $"{action} needs --reason \"<why>\" (it goes to the audit log); nothing was sent" : null,
            ClientVerb.CheckRequestId(result.GetValue(requestId))));
        return command;
    }

    private static bool IsJson(FileInfo file, string text) =>
        file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
        || (!file.Extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) && !file.Extension.Equals(".yml", StringComparison.OrdinalIgnoreCase) && text.TrimStart().StartsWith('{'));
}
