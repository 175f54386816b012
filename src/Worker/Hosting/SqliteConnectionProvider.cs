using System.Data;
using System.Data.Common;
using System.Globalization;
using Quartz;
using Quartz.Impl.AdoJobStore.Common;

namespace Worker.Hosting;

/// <summary>
/// Quartz's connections to the service's SQLite file, opened with the settings the rollout store's connections
/// use (busy timeout, synchronous=NORMAL in WAL). Without them, a Quartz write that meets the store's write lock
/// fails busy and the driver retries it only after a long sleep while Quartz's single SQLite gate stays held, and
/// every Quartz commit syncs the log to disk while holding the write lock (docs/benchmarks.md, scale).
/// </summary>
internal sealed class SqliteConnectionProvider(string connectionString, TimeSpan busyTimeout) : IDbProvider
{
    private readonly DbProvider _inner = new(DataSourceOptions.Providers.Sqlite, connectionString);
    private readonly string _pragmas = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout={(int)busyTimeout.TotalMilliseconds}; PRAGMA synchronous=NORMAL;");

    public string ConnectionString => _inner.ConnectionString;

    public DbMetadata Metadata => _inner.Metadata;

    public DbCommand CreateCommand() => _inner.CreateCommand();

    public DbConnection CreateConnection()
    {
        var connection = _inner.CreateConnection();
        connection.StateChange += OnStateChange;
        return connection;
    }

    public void Shutdown() => _inner.Shutdown();

    private void OnStateChange(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState != ConnectionState.Open)
        {
            return;
        }

        // Per-connection settings: set on every open, pooled or not (a pooled handle keeps them; re-setting is cheap).
        using var command = ((DbConnection)sender).CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }
}
