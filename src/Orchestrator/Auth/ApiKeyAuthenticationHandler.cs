using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Orchestrator.Api;

namespace Orchestrator.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c> against the hashed key table,
/// and answers 401 and 403 as problem details.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IApiKeyStore store,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The alternative header for clients that cannot set Authorization.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request.Headers);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await store.AuthenticateAsync(presented, Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            Log.KeyRejected(Logger, Request.Path);
            return AuthenticateResult.Fail("the API key is not valid");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(ApiKeyPrincipal.Create(key), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var detail = result.Failure is null
            ? $"Send an API key as 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'."
            : "The API key is not valid (unknown or revoked).";
        await WriteProblemAsync(ApiProblems.Create(StatusCodes.Status401Unauthorized, detail)).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var required = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredRoles>();
        var who = Context.User.Identity?.Name ?? "this key";
        var detail = required is null
            ? $"The key '{who}' may not do this."
            : $"The key '{who}' may not do this; it needs one of the roles: {string.Join(", ", required.Roles.Select(ApiRoles.NameOf))}.";
        await WriteProblemAsync(ApiProblems.Create(StatusCodes.Status403Forbidden, detail)).ConfigureAwait(false);
    }

    /// <summary>The presented key, or null when the request carries none.</summary>
    internal static string? ReadKey(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization[BearerPrefix.Length..].Trim();
            return token.Length == 0 ? null : token;
        }

        var header = headers[ApiKeyHeader].ToString().Trim();
        return header.Length == 0 ? null : header;
    }

    private async Task WriteProblemAsync(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem }).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.KeyRejected, Level = LogLevel.Information, Message = "Rejected an unknown or revoked API key on {Path}")]
        public static partial void KeyRejected(ILogger logger, PathString path);
    }
}
