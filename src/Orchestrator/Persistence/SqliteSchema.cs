namespace Orchestrator.Persistence;

/// <summary>
/// The schema, as ordered migrations. Plain SQL that PostgreSQL also accepts, except the partial unique index
/// syntax noted below, so a PostgreSQL store can reuse it.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Migration n brings the schema from version n to n + 1.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE rollouts (
            id TEXT PRIMARY KEY,
            endpoint_key TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            phase TEXT NOT NULL,
            active INTEGER NOT NULL,
            paused_from TEXT NULL,
            step_index INTEGER NOT NULL,
            step_started_at TEXT NOT NULL,
            bake_end_requested INTEGER NOT NULL,
            approved INTEGER NOT NULL,
            rollback_reason TEXT NULL,
            failure_reason TEXT NULL,
            attempt INTEGER NOT NULL,
            submitted_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL,
            plan_json TEXT NOT NULL
        );
        -- The database itself guarantees at most one active rollout per endpoint.
        CREATE UNIQUE INDEX ux_rollouts_active_endpoint ON rollouts(endpoint_key) WHERE active = 1;
        CREATE INDEX ix_rollouts_created ON rollouts(created_at);
        CREATE TABLE audit_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            rollout_id TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            source TEXT NOT NULL,
            action TEXT NOT NULL,
            reason TEXT NULL,
            from_state TEXT NULL,
            to_state TEXT NULL
        );
        CREATE INDEX ix_audit_rollout ON audit_events(rollout_id, seq);
        CREATE TABLE gate_evaluations (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            rollout_id TEXT NOT NULL,
            step_index INTEGER NOT NULL,
            round_at TEXT NOT NULL,
            gate TEXT NOT NULL,
            metric TEXT NOT NULL,
            verdict TEXT NOT NULL,
            observed REAL NULL,
            baseline REAL NULL,
            threshold REAL NULL,
            samples INTEGER NOT NULL,
            window_start TEXT NOT NULL,
            window_end TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX ix_gates_rollout ON gate_evaluations(rollout_id, step_index, seq);
        CREATE TABLE command_results (
            request_id TEXT PRIMARY KEY,
            command TEXT NOT NULL,
            result_json TEXT NOT NULL
        );
        """,
        """
        -- Queued rollouts (onBusyEndpoint: queue) are not active, so the unique index above leaves them out; they
        -- name the rollout they were queued behind, and are read per endpoint in submission order.
        ALTER TABLE rollouts ADD COLUMN queued_behind TEXT NULL;
        CREATE INDEX ix_rollouts_queued ON rollouts(endpoint_key, created_at) WHERE phase = 'Queued';
        """,
        """
        -- The gate feed (GET .../gates?after=) and the rollout's last round read a rollout's rows in seq order across
        -- steps; without this index each read sorted the rollout's whole history.
        CREATE INDEX ix_gates_rollout_seq ON gate_evaluations(rollout_id, seq);
        """,
    ];
}
