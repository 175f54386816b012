using Microsoft.AspNetCore.Authorization;
using Orchestrator.Rollouts;

namespace Orchestrator.Auth;

/// <summary>Endpoint conventions: which key roles may call an endpoint.</summary>
public static class RoleAuthorization
{
    /// <summary>Requires an API key with one of the roles (401 without a valid key, 403 with another role).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, IReadOnlyList<ActorRole> roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(roles);
        var policy = new AuthorizationPolicyBuilder(ApiKeyPrincipal.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(roles.Select(r => r.ToString()))
            .Build();
        return builder.RequireAuthorization(policy).WithMetadata(new RequiredRoles(roles));
    }

    /// <summary>Requires a role that may send <typeparamref name="TCommand"/> (its <see cref="Dispatching.AllowedRolesAttribute"/> plus admin).</summary>
    public static TBuilder RequireRolesOf<TCommand, TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRoles(ApiRoles.AllowedFor<TCommand>());
}
