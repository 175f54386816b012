using Microsoft.Data.Sqlite;

namespace Worker.Tests.Support;

/// <summary>A SQLite file in a folder of its own, removed afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("worker-tests-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "orchestrator.db");

    public string ConnectionString => $"Data Source={Path}";

    public void Dispose()
    {
        // Pooled connections keep the file open; let go of them before deleting it.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Another test's pool may still hold it for a moment; the OS cleans temp folders.
        }
    }
}
