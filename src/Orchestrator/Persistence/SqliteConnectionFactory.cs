using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Worker.Hosting;

namespace Orchestrator.Persistence;

/// <summary>Opens SQLite connections with the settings every writer needs (WAL, busy timeout), creating the folder of the file.</summary>
public sealed class SqliteConnectionFactory
{
    private static readonly object Configured = new();

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SqliteWriteGate _writeGate;

    // Physical connections (pooled handles) that already carry the pragmas: a pooled handle keeps them, so a check
    // that opens five pooled connections does not parse and run them five times.
    private readonly ConditionalWeakTable<object, object> _configured = [];

    /// <summary>Creates the factory from the database options.</summary>
    /// <param name="options">The database settings.</param>
    /// <param name="writeGate">The node's gate on the file's write lock, shared with the Quartz job store; a private one when null.</param>
    public SqliteConnectionFactory(IOptions<DatabaseOptions> options, SqliteWriteGate? writeGate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            var folder = Path.GetDirectoryName(builder.DataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.Pooling = true;
        _connectionString = builder.ToString();
        _pragmas = $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={(int)options.Value.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=NORMAL;";
#pragma warning disable CA2000 // The gate lives as long as the factory, a singleton.
        _writeGate = writeGate ?? new SqliteWriteGate();
#pragma warning restore CA2000
    }

    /// <summary>The normalized connection string (absolute file path), shared with the Quartz job store.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>Opens a connection in WAL mode with the busy timeout set.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var handle = connection.Handle!;
            if (!_configured.TryGetValue(handle, out _))
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = _pragmas;
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _configured.AddOrUpdate(handle, Configured);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens a connection and begins a write transaction on it, after waiting for the node's write gate (held until
    /// the answer is disposed), so that writers queue in turn rather than in SQLite's busy handler.
    /// </summary>
    public async Task<SqliteWrite> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        var entered = await _writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        SqliteConnection? connection = null;
        try
        {
            connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new SqliteWrite(connection, transaction, entered);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            entered.Dispose();
            throw;
        }
    }
}
