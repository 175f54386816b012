namespace Orchestrator.Api;

/// <summary>A new key, with its secret: shown this once only, since only its hash is stored.</summary>
/// <param name="Name">The key's name.</param>
/// <param name="Role">Its role.</param>
/// <param name="Key">The secret to send as <c>Authorization: Bearer &lt;key&gt;</c>.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record CreatedApiKey(string Name, string Role, string Key, DateTimeOffset CreatedAt);
