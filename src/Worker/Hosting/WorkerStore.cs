namespace Worker.Hosting;

/// <summary>Where the scheduler keeps its jobs and triggers.</summary>
public enum WorkerStore
{
    /// <summary>A SQLite file (the service's database): one node, no server to run. The default.</summary>
    Sqlite,

    /// <summary>PostgreSQL: several nodes may share it, with <see cref="WorkerOptions.Clustered"/>.</summary>
    Postgres,
}
