using System.Security.Claims;
using Orchestrator.Rollouts;

namespace Orchestrator.Auth;

/// <summary>Turns an authenticated API key into a principal, and a principal back into the command's actor.</summary>
public static class ApiKeyPrincipal
{
    /// <summary>The authentication scheme of API keys.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>A principal whose name is the key's name and whose role claim is the key's <see cref="ActorRole"/>.</summary>
    public static ClaimsPrincipal Create(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role.ToString())],
            Scheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The actor of a command sent over the API with this principal's key.</summary>
    /// <exception cref="InvalidOperationException">The principal was not authenticated by an API key (an endpoint without authorization).</exception>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.Identity is { IsAuthenticated: true, Name: { } n } ? n : null;
        var role = principal.FindFirst(ClaimTypes.Role)?.Value;
        if (name is null || !Enum.TryParse<ActorRole>(role, out var actorRole))
        {
            throw new InvalidOperationException("the request was not authenticated by an API key");
        }

        return new Actor(name, actorRole, CommandSource.Api);
    }
}
