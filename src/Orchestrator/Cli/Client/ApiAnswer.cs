using System.Net;
using System.Text.Json;
using Orchestrator.Persistence;

namespace Orchestrator.Cli.Client;

/// <summary>A successful answer of the API: its status and its JSON body as it came.</summary>
/// <param name="Status">The HTTP status (200, 201, 202).</param>
/// <param name="Body">The JSON body, unchanged (what <c>--json</c> prints).</param>
/// <param name="Server">Who answered, for error messages.</param>
internal sealed record ApiAnswer(HttpStatusCode Status, string Body, Uri Server)
{
    /// <summary>The body as the API's own type; an answer that does not fit is not the orchestrator's API (exit 7).</summary>
    public T Read<T>()
    {
        try
        {
            // The API writes what the store writes: web defaults, enums by name (the same options on both sides).
            return JsonSerializer.Deserialize<T>(Body, StoredJson.Options)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException e)
        {
            throw new ClientFailureException(
                $"the server at {Server} answered {(int)Status} with JSON this client does not understand ({e.Message}); is --server the orchestrator, and of the same version?",
                ExitCodes.Unreachable,
                innerException: e);
        }
    }
}
