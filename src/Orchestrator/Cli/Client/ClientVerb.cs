using System.CommandLine;
using Orchestrator.Api;

namespace Orchestrator.Cli.Client;

/// <summary>What a <c>rollouts</c> verb's body gets: a connected client, the resolved settings, the parse result and the writers.</summary>
/// <param name="Client">The API client.</param>
/// <param name="Settings">Server, key and output mode.</param>
/// <param name="Result">The verb's parse result, for its own options.</param>
/// <param name="Output">stdout.</param>
/// <param name="Error">stderr.</param>
/// <param name="Context">The clock and environment.</param>
internal sealed record ClientInvocation(OrchestratorClient Client, ClientSettings Settings, ParseResult Result, TextWriter Output, TextWriter Error, CliContext Context);

/// <summary>
/// The frame every <c>rollouts</c> verb runs in: resolve the server and key, run the body, and turn a
/// <see cref="ClientFailureException"/> into its one line on stderr and its exit code.
/// </summary>
internal static class ClientVerb
{
    /// <summary>Sets the verb's action: <paramref name="validate"/> runs first, without a key or a request, so refused input never reaches the server.</summary>
    public static void SetClientAction(
        this Command command, ClientOptions options, CliContext context, Func<ClientInvocation, CancellationToken, Task<int>> body, Func<ParseResult, string?>? validate = null) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (validate?.Invoke(result) is { } refusal)
            {
                await error.WriteLineAsync($"error: {refusal}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var (settings, exitCode) = ClientSettings.Resolve(result, options, context, error);
            if (settings is null)
            {
                return exitCode;
            }

            using var client = new OrchestratorClient(settings);
            try
            {
                return await body(new ClientInvocation(client, settings, result, output, error, context), cancellationToken).ConfigureAwait(false);
            }
            catch (ClientFailureException e)
            {
                if (settings.Json && e.ProblemJson is { } problem)
                {
                    await output.WriteLineAsync(problem).ConfigureAwait(false);
                }

                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return e.ExitCode;
            }
        });

    /// <summary>Why the id argument is not a rollout id, or null when it is.</summary>
    public static string? CheckId(string id) =>
        Guid.TryParse(id, out _) ? null : $"'{id}' is not a rollout id (a GUID such as 0193f5d2-8c4e-7b1a-9f00-2a6c1d3e4f50; list prints them)";

    /// <summary>Why a <c>--request-id</c> would be refused by the API, or null when it is fine (the API's own rule, checked before sending).</summary>
    public static string? CheckRequestId(string? requestId) =>
        requestId is null || IdempotencyKey.IsWellFormed(requestId)
            ? null
            : $"--request-id: must be 1 to {IdempotencyKey.MaxLength} printable ASCII characters without spaces";

    /// <summary>The request id to send: the given one, else a fresh one for this invocation.</summary>
    public static string RequestIdOrNew(string? requestId) => requestId ?? $"cli-{Guid.NewGuid():N}";

    /// <summary>Every refusal of several checks on one line, or null when none refuses.</summary>
    public static string? AllOf(params string?[] refusals) =>
        refusals.Any(r => r is not null) ? string.Join("; ", refusals.Where(r => r is not null)) : null;
}
