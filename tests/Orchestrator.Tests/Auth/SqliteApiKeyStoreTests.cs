using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Auth.Tests;

/// <summary>The key table on a real SQLite file.</summary>
public sealed class SqliteApiKeyStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orchestrator-auth-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteConnectionFactory _connections;
    private readonly SqliteApiKeyStore _store;

    public SqliteApiKeyStoreTests()
    {
        _connections = new SqliteConnectionFactory(Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "keys.db")}" }));
        _store = new SqliteApiKeyStore(_connections);
    }

    [Fact]
    public async Task AuthenticateAsync_CreatedKey_ReturnsItsNameAndRole()
    {
        var secret = ApiKeySecret.Generate();
        Assert.True(await _store.TryCreateAsync(Key("ci", ActorRole.ReleaseManager), secret));

        var key = await _store.AuthenticateAsync(secret);

        Assert.Equal(("ci", ActorRole.ReleaseManager, Now), (key?.Name, key?.Role, key?.CreatedAt));
    }

    [Fact]
    public async Task AuthenticateAsync_WrongOrAlteredSecret_ReturnsNull()
    {
        var secret = ApiKeySecret.Generate();
        await _store.TryCreateAsync(Key("ci", ActorRole.ReleaseManager), secret);

        Assert.Null(await _store.AuthenticateAsync(ApiKeySecret.Generate()));
        Assert.Null(await _store.AuthenticateAsync(secret[..^1]));
        Assert.Null(await _store.AuthenticateAsync(secret.ToUpperInvariant()));
    }

    [Fact]
    public async Task TryCreateAsync_StoresOnlyTheHash()
    {
        var secret = ApiKeySecret.Generate();
        await _store.TryCreateAsync(Key("ci", ActorRole.Viewer), secret);

        await using var connection = await _connections.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM api_keys";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader.GetValue(i);
            var text = value is byte[] bytes ? Convert.ToBase64String(bytes) + System.Text.Encoding.UTF8.GetString(bytes) : value.ToString();
            Assert.DoesNotContain(secret[ApiKeySecret.Prefix.Length..], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TryCreateAsync_NameTakenInAnyCase_ReturnsFalse()
    {
        Assert.True(await _store.TryCreateAsync(Key("Deploy-Bot", ActorRole.Viewer), ApiKeySecret.Generate()));

        Assert.False(await _store.TryCreateAsync(Key("deploy-bot", ActorRole.Admin), ApiKeySecret.Generate()));
        Assert.Equal(ActorRole.Viewer, Assert.Single(await _store.ListAsync()).Role);
    }

    [Fact]
    public async Task TryCreateFirstAsync_SecondTime_ReturnsFalseAndKeepsTheFirstKey()
    {
        var first = ApiKeySecret.Generate();

        Assert.True(await _store.TryCreateFirstAsync(Key("admin", ActorRole.Admin), first));
        Assert.False(await _store.TryCreateFirstAsync(Key("admin2", ActorRole.Admin), ApiKeySecret.Generate()));

        Assert.Equal("admin", Assert.Single(await _store.ListAsync()).Name);
        Assert.NotNull(await _store.AuthenticateAsync(first));
    }

    [Fact]
    public async Task SetAsync_ExistingName_ReplacesTheSecret()
    {
        var old = ApiKeySecret.Generate();
        var replacement = ApiKeySecret.Generate();
        await _store.SetAsync(Key("admin", ActorRole.Admin), old);

        await _store.SetAsync(Key("admin", ActorRole.Admin), replacement);

        Assert.Null(await _store.AuthenticateAsync(old));
        Assert.Equal("admin", (await _store.AuthenticateAsync(replacement))?.Name);
    }

    [Fact]
    public async Task RevokeAsync_Key_RemovesItSoItNoLongerAuthenticates()
    {
        var secret = ApiKeySecret.Generate();
        await _store.TryCreateAsync(Key("pager", ActorRole.OnCall), secret);

        Assert.Equal(RevokeResult.Revoked, await _store.RevokeAsync("PAGER"));

        Assert.Null(await _store.AuthenticateAsync(secret));
        Assert.Equal(RevokeResult.NotFound, await _store.RevokeAsync("pager"));
    }

    [Fact]
    public async Task RevokeAsync_LastAdmin_IsRefusedUntilAnotherAdminExists()
    {
        await _store.TryCreateAsync(Key("admin", ActorRole.Admin), ApiKeySecret.Generate());

        Assert.Equal(RevokeResult.LastAdmin, await _store.RevokeAsync("admin"));
        await _store.TryCreateAsync(Key("admin-2", ActorRole.Admin), ApiKeySecret.Generate());
        Assert.Equal(RevokeResult.Revoked, await _store.RevokeAsync("admin"));
        Assert.Equal(RevokeResult.LastAdmin, await _store.RevokeAsync("admin-2"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static ApiKey Key(string name, ActorRole role) => new(name, role, Now, "test");
}
