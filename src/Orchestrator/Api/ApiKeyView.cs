using Orchestrator.Auth;

namespace Orchestrator.Api;

/// <summary>A stored key, without its secret.</summary>
/// <param name="Name">The key's name.</param>
/// <param name="Role">Its role.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">The key that created it, or <c>bootstrap</c>/<c>configuration</c>.</param>
public sealed record ApiKeyView(string Name, string Role, DateTimeOffset CreatedAt, string CreatedBy)
{
    /// <summary>The view of a stored key.</summary>
    public static ApiKeyView From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new ApiKeyView(key.Name, ApiRoles.NameOf(key.Role), key.CreatedAt, key.CreatedBy);
    }
}
