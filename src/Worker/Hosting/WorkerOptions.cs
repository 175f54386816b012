namespace Worker.Hosting;

/// <summary>Settings of the scheduling engine (configuration section <c>Orchestrator:Worker</c>), validated all at once at start-up.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    /// <remarks>The full key, so that a refused setting is named as the operator writes it (docs/operations.md).</remarks>
    public const string SectionName = "Orchestrator:Worker";

    /// <summary>Where jobs and triggers are stored: the service's SQLite file by default, or PostgreSQL.</summary>
    public WorkerStore Store { get; set; } = WorkerStore.Sqlite;

    /// <summary>Connection string of the service's database; Quartz keeps its <c>QRTZ_</c> tables there and creates them when missing.</summary>
    public string ConnectionString { get; set; } = "Data Source=orchestrator.db";

    /// <summary>Takes part in a cluster of nodes sharing the PostgreSQL store (jobs spread and fail over). Needs <see cref="WorkerStore.Postgres"/>.</summary>
    public bool Clustered { get; set; }

    /// <summary>Name of the scheduler; the nodes of one cluster share it.</summary>
    public string SchedulerName { get; set; } = "rollout-worker";

    /// <summary>How many jobs may run at once on this node.</summary>
    public int ThreadCount { get; set; } = 10;

    /// <summary>Delay before the first retry of a job whose handler threw; it doubles with every further attempt.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay between retries.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How late a trigger may be before it counts as misfired; a misfired trigger fires at once.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many gate checks the node's sweeper runs at once (each waits on the metric source and the store).</summary>
    public int GateCheckConcurrency { get; set; } = 32;

    /// <summary>The most due gate checks the sweeper claims in one write transaction.</summary>
    public int GateCheckBatchSize { get; set; } = 200;

    /// <summary>How long a claimed gate check stays this node's; a node that dies mid-check frees its claims after this. Longer than any one check.</summary>
    public TimeSpan GateCheckLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest the sweeper sleeps without looking at the table (other nodes of a cluster schedule checks it is not told about).</summary>
    public TimeSpan GateCheckPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
