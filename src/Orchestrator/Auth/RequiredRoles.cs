using Orchestrator.Rollouts;

namespace Orchestrator.Auth;

/// <summary>Endpoint metadata: the roles that may call the endpoint, so a 403 can name them.</summary>
/// <param name="Roles">The permitted roles.</param>
public sealed record RequiredRoles(IReadOnlyList<ActorRole> Roles);
