using System.Data.Common;
using Worker.Tests.Support;

namespace Worker.Hosting.Tests;

public class SqliteConnectionProviderTests
{
    [Fact]
    public void CreateConnection_Opened_WaitsForTheWriteLockAndSyncsLikeTheRolloutStore()
    {
        using var database = new TempDatabase();
        var provider = new SqliteConnectionProvider(database.ConnectionString, TimeSpan.FromSeconds(7));

        using var connection = provider.CreateConnection();
        connection.Open();

        Assert.Equal(7000L, Scalar(connection, "PRAGMA busy_timeout"));
        Assert.Equal(1L, Scalar(connection, "PRAGMA synchronous")); // 1 = NORMAL (the default, FULL, is 2)
    }

    [Fact]
    public void CreateConnection_ReopenedFromThePool_KeepsTheSettings()
    {
        using var database = new TempDatabase();
        var provider = new SqliteConnectionProvider(database.ConnectionString, TimeSpan.FromSeconds(3));
        using (var first = provider.CreateConnection())
        {
            first.Open();
        }

        using var second = provider.CreateConnection();
        second.Open();

        Assert.Equal(3000L, Scalar(second, "PRAGMA busy_timeout"));
        Assert.Equal(1L, Scalar(second, "PRAGMA synchronous"));
    }

    private static long Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
