namespace Orchestrator.Auth;

/// <summary>API keys, stored hashed in the service's database.</summary>
public interface IApiKeyStore
{
    /// <summary>Creates the table when it does not exist.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>The key a presented secret belongs to, or null.</summary>
    Task<ApiKey?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken = default);

    /// <summary>Every key, by name.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a new key; false when the name is taken.</summary>
    Task<bool> TryCreateAsync(ApiKey key, string secret, CancellationToken cancellationToken = default);

    /// <summary>Stores a key only when no key exists at all (first start); false when some key already exists.</summary>
    Task<bool> TryCreateFirstAsync(ApiKey key, string secret, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a key by name (the admin key supplied by configuration).</summary>
    Task SetAsync(ApiKey key, string secret, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key; refuses to delete the last admin key, so the service never locks itself out.</summary>
    Task<RevokeResult> RevokeAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IApiKeyStore.RevokeAsync"/> did.</summary>
public enum RevokeResult
{
    /// <summary>The key is gone.</summary>
    Revoked,

    /// <summary>No key has the name.</summary>
    NotFound,

    /// <summary>The key is the last admin key and was kept.</summary>
    LastAdmin,
}

