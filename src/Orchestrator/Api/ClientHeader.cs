using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orchestrator.Auth;
using Orchestrator.Rollouts;

namespace Orchestrator.Api;

/// <summary>
/// The optional <c>X-Orchestrator-Client</c> request header: which of our own clients sends the request (<c>cli</c>,
/// <c>dashboard</c>). It only labels the audit log's source; identity and role still come from the API key alone.
/// </summary>
internal static class ClientHeader
{
    public const string Name = "X-Orchestrator-Client";

    /// <summary>The audit source the header names; absent, repeated or unknown values are plain API calls.</summary>
    public static CommandSource SourceOf(HttpRequest request)
    {
        var values = request.Headers[Name];

        // An unknown label is not an error: an older or third-party client must keep working, recorded as Api.
        return values.Count != 1 ? CommandSource.Api : values.ToString().Trim().ToUpperInvariant() switch
        {
            "CLI" => CommandSource.Cli,
            "DASHBOARD" => CommandSource.Dashboard,
            _ => CommandSource.Api,
        };
    }

    /// <summary>Declares the header, optional, on an operation that writes the audit log (submit and the actions).</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        OptionalHeaderParameter.AddTo(
            operation,
            Name,
            "Which of our own clients sends the request: 'cli' or 'dashboard' (case-insensitive). It sets only the audit log's source (Cli, Dashboard); absent or any other value records Api. Identity and role come from the API key alone.",
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("cli"), JsonValue.Create("dashboard")] });
        return Task.CompletedTask;
    }

    /// <summary>The key's actor, with the source the client names.</summary>
    public static Actor ActorOf(this HttpRequest request, ClaimsPrincipal user) => user.ToActor() with { Source = SourceOf(request) };
}
