using System.Data.Common;
using Npgsql;
using Worker.Hosting;

namespace Worker.Sweeping;

/// <summary>
/// Connections to the worker's database for the tables the worker owns besides Quartz's: the service's SQLite file
/// (opened with the same pragmas as Quartz's connections, writes queued on the node's <see cref="SqliteWriteGate"/>)
/// or PostgreSQL (no gate: its row locks serve several writers).
/// </summary>
internal sealed class WorkerDatabase
{
    private readonly Func<DbConnection> _create;
    private readonly SqliteWriteGate? _gate;

    public WorkerDatabase(WorkerStore store, string connectionString, TimeSpan busyTimeout, SqliteWriteGate gate)
    {
        Store = store;
        if (store == WorkerStore.Postgres)
        {
            _create = () =>
            {
                var connection = NpgsqlFactory.Instance.CreateConnection()!;
                connection.ConnectionString = connectionString;
                return connection;
            };
        }
        else
        {
            var provider = new SqliteConnectionProvider(connectionString, busyTimeout);
            _create = provider.CreateConnection;
            _gate = gate;
        }
    }

    /// <summary>Which database this is (the SQL differs in a few types).</summary>
    public WorkerStore Store { get; }

    /// <summary>Opens a connection.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = _create();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for the node's write gate (SQLite) before a write; dispose the answer after the commit.</summary>
    public async ValueTask<SqliteWriteGate.Releaser> EnterWriteAsync(CancellationToken cancellationToken = default) =>
        _gate is null ? default : await _gate.EnterAsync(cancellationToken).ConfigureAwait(false);
}
