using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Auth;
using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Api;

/// <summary>Key management, admin only: <c>/api/v1/keys</c>.</summary>
internal static partial class ApiKeyEndpoints
{
    private static readonly IReadOnlyList<ActorRole> Admins = [ActorRole.Admin];

    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("API keys").RequireRoles(Admins);

        keys.MapPost("/", CreateApiKey)
            .WithName(nameof(CreateApiKey))
            .WithSummary("Create a key; its secret is in this answer only.")
            .ProducesValidationProblem();

        keys.MapGet("/", ListApiKeys)
            .WithName(nameof(ListApiKeys))
            .WithSummary("List keys (names and roles, never secrets).");

        keys.MapDelete("/{name}", RevokeApiKey)
            .WithName(nameof(RevokeApiKey))
            .WithSummary("Revoke a key at once; the last admin key cannot be revoked.");

        return keys;
    }

    public static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateApiKey(
        CreateApiKeyRequest body, ClaimsPrincipal user, IApiKeyStore store, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var failures = new List<ValidationFailure>();
        if (body.Name is null || !KeyName().IsMatch(body.Name))
        {
            failures.Add(new("name", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }

        if (!ApiRoles.TryParse(body.Role, out var role))
        {
            failures.Add(new("role", $"must be one of {string.Join(", ", ApiRoles.KeyRoles.Select(ApiRoles.NameOf))}"));
        }

        if (failures.Count > 0)
        {
            throw new CommandValidationException(failures);
        }

        var actor = user.ToActor();
        var key = new ApiKey(body.Name!, role, time.GetUtcNow(), actor.Name);
        var secret = ApiKeySecret.Generate();
        if (!await store.TryCreateAsync(key, secret, cancellationToken).ConfigureAwait(false))
        {
            return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status409Conflict, $"A key named '{key.Name}' already exists; revoke it first or pick another name."));
        }

        var roleName = ApiRoles.NameOf(role);
        var logger = loggers.CreateLogger(typeof(ApiKeyEndpoints));
        Log.KeyCreated(logger, key.Name, roleName, actor.Name);
        return TypedResults.Created($"/api/v1/keys/{key.Name}", new CreatedApiKey(key.Name, roleName, secret, key.CreatedAt));
    }

    public static async Task<Ok<ApiKeyList>> ListApiKeys(IApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiKeyList([.. (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ApiKeyView.From)]));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeApiKey(
        string name, ClaimsPrincipal user, IApiKeyStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        switch (await store.RevokeAsync(name, cancellationToken).ConfigureAwait(false))
        {
            case RevokeResult.Revoked:
                var logger = loggers.CreateLogger(typeof(ApiKeyEndpoints));
                var actor = user.ToActor();
                Log.KeyRevoked(logger, name, actor.Name);
                return TypedResults.NoContent();
            case RevokeResult.NotFound:
                return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status404NotFound, $"No key is named '{name}'."));
            case RevokeResult.LastAdmin:
                return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status409Conflict, $"'{name}' is the last admin key; create another admin key before revoking it."));
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex KeyName();

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.KeyCreated, Level = LogLevel.Information, Message = "API key {KeyName} with role {Role} created by {Actor}")]
        public static partial void KeyCreated(ILogger logger, string keyName, string role, string actor);

        [LoggerMessage(EventId = EventIds.KeyRevoked, Level = LogLevel.Information, Message = "API key {KeyName} revoked by {Actor}")]
        public static partial void KeyRevoked(ILogger logger, string keyName, string actor);
    }
}
