using System.Diagnostics.CodeAnalysis;
using Orchestrator.Rollouts;

namespace Orchestrator.Auth;

/// <summary>The roles an API key can hold, by the names the API uses (<c>viewer</c>, <c>on-call</c>, <c>release-manager</c>, <c>admin</c>).</summary>
public static class ApiRoles
{
    /// <summary>The roles a key may be given, least powerful first (never <see cref="ActorRole.System"/>).</summary>
    public static IReadOnlyList<ActorRole> KeyRoles { get; } = [ActorRole.Viewer, ActorRole.OnCall, ActorRole.ReleaseManager, ActorRole.Admin];

    /// <summary>The roles that may read rollouts: every key role.</summary>
    public static IReadOnlyList<ActorRole> Readers => KeyRoles;

    /// <summary>The API name of a role.</summary>
    public static string NameOf(ActorRole role) => role switch
    {
        ActorRole.Viewer => "viewer",
        ActorRole.OnCall => "on-call",
        ActorRole.ReleaseManager => "release-manager",
        ActorRole.Admin => "admin",
        ActorRole.System => "system",
        _ => throw new System.Diagnostics.UnreachableException($"role {role}"),
    };

    /// <summary>Parses an API role name (case-insensitive); only the key roles parse.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out ActorRole role)
    {
        foreach (var candidate in KeyRoles)
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>
    /// The key roles that may send a command: those of its <see cref="Dispatching.AllowedRolesAttribute"/> plus admin,
    /// except for the scheduler's own commands, which no key may send (the dispatcher's authorization agrees).
    /// </summary>
    public static IReadOnlyList<ActorRole> AllowedFor<TCommand>()
    {
        var declared = typeof(TCommand).GetCustomAttributes(typeof(Dispatching.AllowedRolesAttribute), inherit: false)
            .Cast<Dispatching.AllowedRolesAttribute>()
            .SelectMany(a => a.Roles)
            .ToList();
        var withAdmin = declared.Contains(ActorRole.System) ? declared : [.. declared, ActorRole.Admin];
        return [.. withAdmin.Where(KeyRoles.Contains).Distinct().Order()];
    }
}
