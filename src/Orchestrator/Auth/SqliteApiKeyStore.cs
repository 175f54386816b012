using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Auth;

/// <summary>
/// API keys in a table of the service's SQLite database (the rollout store's file, opened the same way). The table is created on first use, so it does not
/// matter whether the bootstrapper or the first request comes first.
/// </summary>
internal sealed class SqliteApiKeyStore(SqliteConnectionFactory connections) : IApiKeyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS api_keys (
            name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            role TEXT NOT NULL,
            key_hash BLOB NOT NULL,
            lookup TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_api_keys_lookup ON api_keys (lookup);
        """;

    private const string Columns = "name AS Name, role AS Role, key_hash AS KeyHash, created_at AS CreatedAt, created_by AS CreatedBy";

    private const string InsertValues = """
        INSERT INTO api_keys (name, role, key_hash, lookup, created_at, created_by)
        SELECT @Name, @Role, @KeyHash, @Lookup, @CreatedAt, @CreatedBy
        """;

    private readonly Lock _gate = new();
    private Task? _migration;

    public Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // One schema creation is shared by all callers; a failed one is tried again by the next caller.
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = CreateSchemaAsync();
            }

            return _migration.WaitAsync(cancellationToken);
        }
    }

    public async Task<ApiKey?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeySecret.Hash(presentedKey);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE lookup = @Lookup",
            new { Lookup = ApiKeySecret.LookupOf(hash) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        // The lookup prefix narrows the search; the full hash decides, compared in constant time.
        return rows.FirstOrDefault(row => ApiKeySecret.Matches(hash, row.KeyHash))?.ToKey();
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys ORDER BY name", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToKey())];
    }

    public Task<bool> TryCreateAsync(ApiKey key, string secret, CancellationToken cancellationToken = default) =>
        InsertAsync($"{InsertValues} ON CONFLICT (name) DO NOTHING", key, secret, cancellationToken);

    public Task<bool> TryCreateFirstAsync(ApiKey key, string secret, CancellationToken cancellationToken = default) =>
        // One statement, so two nodes starting together cannot both create a first key.
        InsertAsync($"{InsertValues} WHERE NOT EXISTS (SELECT 1 FROM api_keys)", key, secret, cancellationToken);

    public Task SetAsync(ApiKey key, string secret, CancellationToken cancellationToken = default) =>
        InsertAsync(
            $"""
            {InsertValues} WHERE true
            ON CONFLICT (name) DO UPDATE SET role = excluded.role, key_hash = excluded.key_hash, lookup = excluded.lookup,
                created_at = excluded.created_at, created_by = excluded.created_by
            """,
            key,
            secret,
            cancellationToken);

    public async Task<RevokeResult> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // The last-admin check and the delete are one statement, so two admins revoking each other cannot both win.
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM api_keys WHERE name = @Name
                AND (role <> @Admin OR (SELECT COUNT(*) FROM api_keys WHERE role = @Admin) > 1)
            """,
            new { Name = name, Admin = nameof(ActorRole.Admin) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (deleted > 0)
        {
            return RevokeResult.Revoked;
        }

        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_keys WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return exists > 0 ? RevokeResult.LastAdmin : RevokeResult.NotFound;
    }

    private async Task<bool> InsertAsync(string sql, ApiKey key, string secret, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.Hash(secret);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            sql,
            new
            {
                key.Name,
                Role = key.Role.ToString(),
                KeyHash = hash,
                Lookup = ApiKeySecret.LookupOf(hash),
                CreatedAt = key.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                key.CreatedBy,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted > 0;
    }

    private async Task CreateSchemaAsync()
    {
        using var connection = await OpenUnmigratedAsync(CancellationToken.None).ConfigureAwait(false);
        await connection.ExecuteAsync(Schema).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await OpenUnmigratedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a connection without waiting for the schema (the schema creation itself uses it).</summary>
    private Task<SqliteConnection> OpenUnmigratedAsync(CancellationToken cancellationToken) => connections.OpenAsync(cancellationToken);

    /// <summary>A row as Dapper reads it.</summary>
    private sealed record KeyRow(string Name, string Role, byte[] KeyHash, string CreatedAt, string CreatedBy)
    {
        public ApiKey ToKey() => new(
            Name,
            Enum.Parse<ActorRole>(Role),
            DateTimeOffset.Parse(CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            CreatedBy);
    }
}
