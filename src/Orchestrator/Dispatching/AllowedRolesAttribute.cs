using Orchestrator.Rollouts;

namespace Orchestrator.Dispatching;

/// <summary>The roles that may send a command (Admin and System always may); checked by the authorization behaviour.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedRolesAttribute(params ActorRole[] roles) : Attribute
{
    /// <summary>The permitted roles.</summary>
    public IReadOnlyList<ActorRole> Roles { get; } = roles;
}
