using Microsoft.Data.Sqlite;
using Worker.Hosting;

namespace Orchestrator.Persistence;

/// <summary>A write transaction on its own connection that holds the node's write gate until disposed (<see cref="SqliteConnectionFactory.BeginWriteAsync"/>).</summary>
public sealed class SqliteWrite : IAsyncDisposable
{
    private readonly SqliteWriteGate.Releaser _gate;

    internal SqliteWrite(SqliteConnection connection, SqliteTransaction transaction, SqliteWriteGate.Releaser gate)
    {
        Connection = connection;
        Transaction = transaction;
        _gate = gate;
    }

    /// <summary>The connection the transaction runs on.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The write transaction (rolled back on dispose unless committed).</summary>
    public SqliteTransaction Transaction { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Dispose();
        }
    }
}
