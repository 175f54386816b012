using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Worker.Hosting;

namespace Orchestrator.Persistence.Tests;

/// <summary>Connections and write transactions on a real SQLite file.</summary>
public sealed class SqliteConnectionFactoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orchestrator-factory-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task OpenAsync_ReopenedFromThePool_KeepsWalAndTheBusyTimeout()
    {
        var factory = Factory(TimeSpan.FromSeconds(7));
        await using (var first = await factory.OpenAsync())
        {
            Assert.Equal(7000L, await ScalarAsync(first, "PRAGMA busy_timeout"));
        }

        await using var second = await factory.OpenAsync();

        Assert.Equal(7000L, await ScalarAsync(second, "PRAGMA busy_timeout"));
        Assert.Equal(1L, await ScalarAsync(second, "PRAGMA synchronous"));
        Assert.Equal("wal", await ScalarAsync(second, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task BeginWriteAsync_WhileAnotherWriteIsOpen_WaitsForItAndSeesItsCommit()
    {
        var factory = Factory(TimeSpan.FromSeconds(10));
        await using (var setup = await factory.OpenAsync())
        {
            await ExecuteAsync(setup, null, "CREATE TABLE t (v INTEGER)");
        }

        var first = await factory.BeginWriteAsync();
        await ExecuteAsync(first.Connection, first.Transaction, "INSERT INTO t VALUES (1)");
        var second = factory.BeginWriteAsync();
        Assert.False(second.IsCompleted);

        await first.Transaction.CommitAsync();
        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1L, await ScalarAsync(next.Connection, "SELECT COUNT(*) FROM t", next.Transaction));
    }

    [Fact]
    public async Task BeginWriteAsync_SharedGateHeldByTheScheduler_Waits()
    {
        using var gate = new SqliteWriteGate();
        var factory = Factory(TimeSpan.FromSeconds(10), gate);
        var scheduler = await gate.EnterAsync();

        var write = factory.BeginWriteAsync();
        Assert.False(write.IsCompleted);

        scheduler.Dispose();
        await (await write.WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pool may hold the file a moment longer; the OS cleans temp folders.
        }
    }

    private SqliteConnectionFactory Factory(TimeSpan busyTimeout, SqliteWriteGate? gate = null) => new(
        Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "factory.db")}", BusyTimeout = busyTimeout }),
        gate);

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync();
    }
}
