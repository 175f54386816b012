using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Persistence;

/// <summary>
/// The rollout store on a SQLite file. Each change is one transaction: the rollout row (guarded by its version)
/// and its audit events together. The partial unique index on active rollouts is the last word on
/// "one active rollout per endpoint", whatever races above it.
/// </summary>
public sealed partial class SqliteRolloutStore(SqliteConnectionFactory connections) : IRolloutStore
{
    private const string RolloutColumns =
        "id AS Id, endpoint_key AS EndpointKey, phase AS Phase, paused_from AS PausedFrom, step_index AS StepIndex, " +
        "step_started_at AS StepStartedAt, bake_end_requested AS BakeEndRequested, approved AS Approved, " +
        "rollback_reason AS RollbackReason, failure_reason AS FailureReason, attempt AS Attempt, " +
        "submitted_by AS SubmittedBy, created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version, plan_json AS PlanJson, " +
        "queued_behind AS QueuedBehind";

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)").ConfigureAwait(false);
        var current = await connection.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM schema_version").ConfigureAwait(false) ?? 0;
        for (var version = (int)current; version < SqliteSchema.Migrations.Count; version++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(SqliteSchema.Migrations[version], transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync("INSERT INTO schema_version (version) VALUES (@v)", new { v = version + 1 }, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<Rollout?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RolloutRow>(
            $"SELECT {RolloutColumns} FROM rollouts WHERE id = @id", new { id = id.ToString() }).ConfigureAwait(false);
        return row?.ToRollout();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Rollout>> ListAsync(RolloutFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RolloutRow>(
            $"""
            SELECT {RolloutColumns} FROM rollouts
            WHERE (@phase IS NULL OR phase = @phase) AND (@endpoint IS NULL OR endpoint = @endpoint COLLATE NOCASE)
            ORDER BY created_at DESC LIMIT @limit
            """,
            new { phase = filter.Phase?.ToString(), endpoint = filter.Endpoint, limit = filter.Limit }).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRollout())];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Rollout>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RolloutRow>($"SELECT {RolloutColumns} FROM rollouts WHERE active = 1").ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRollout())];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Rollout>> ListQueuedAsync(string? endpointKey = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RolloutRow>(
            $"""
            SELECT {RolloutColumns} FROM rollouts
            WHERE phase = 'Queued' AND (@endpointKey IS NULL OR endpoint_key = @endpointKey)
            ORDER BY created_at, id
            """,
            new { endpointKey }).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRollout())];
    }

    /// <inheritdoc />
    public async Task InsertAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        await using var write = await connections.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = (write.Connection, write.Transaction);
        try
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO rollouts (id, endpoint_key, endpoint, phase, active, paused_from, step_index, step_started_at,
                    bake_end_requested, approved, rollback_reason, failure_reason, attempt, submitted_by, created_at,
                    updated_at, version, plan_json, queued_behind)
                VALUES (@Id, @EndpointKey, @Endpoint, @Phase, @Active, @PausedFrom, @StepIndex, @StepStartedAt,
                    @BakeEndRequested, @Approved, @RollbackReason, @FailureReason, @Attempt, @SubmittedBy, @CreatedAt,
                    @UpdatedAt, @Version, @PlanJson, @QueuedBehind)
                """,
                RolloutRow.From(rollout),
                transaction).ConfigureAwait(false);
        }
        catch (SqliteException e) when (IsUniqueViolation(e))
        {
            throw await ActiveConflictAsync(connection, transaction, rollout.EndpointKey).ConfigureAwait(false);
        }

        await AppendAuditAsync(connection, transaction, audit).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Rollout> UpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        await using var write = await connections.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var saved = await UpdateAsync(connection, transaction, rollout, audit).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <inheritdoc />
    public async Task<Rollout> AppendGateRoundAndUpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, int stepIndex, GateRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(round);
        await using var write = await connections.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = (write.Connection, write.Transaction);
        await AppendGateRoundAsync(connection, transaction, rollout.Id, stepIndex, round).ConfigureAwait(false);
        var saved = await UpdateAsync(connection, transaction, rollout, audit).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>The guarded update with its audit, inside the caller's transaction.</summary>
    private static async Task<Rollout> UpdateAsync(DbConnection connection, DbTransaction transaction, Rollout rollout, IReadOnlyList<AuditEvent> audit)
    {
        var saved = rollout with { Version = rollout.Version + 1 };
        int changed;
        try
        {
            changed = await connection.ExecuteAsync(
                """
                UPDATE rollouts SET phase = @Phase, active = @Active, paused_from = @PausedFrom, step_index = @StepIndex,
                    step_started_at = @StepStartedAt, bake_end_requested = @BakeEndRequested, approved = @Approved,
                    rollback_reason = @RollbackReason, failure_reason = @FailureReason, attempt = @Attempt,
                    updated_at = @UpdatedAt, version = @Version, queued_behind = @QueuedBehind
                WHERE id = @Id AND version = @ExpectedVersion
                """,
                UpdateParameters(saved, rollout.Version),
                transaction).ConfigureAwait(false);
        }
        catch (SqliteException e) when (IsUniqueViolation(e))
        {
            throw await ActiveConflictAsync(connection, transaction, rollout.EndpointKey).ConfigureAwait(false);
        }

        if (changed == 0)
        {
            throw new ConcurrencyConflictException($"rollout {rollout.Id} changed since version {rollout.Version} was read");
        }

        await AppendAuditAsync(connection, transaction, audit).ConfigureAwait(false);
        return saved;
    }

    private static DynamicParameters UpdateParameters(Rollout saved, long expectedVersion)
    {
        var parameters = new DynamicParameters(RolloutRow.From(saved));
        parameters.Add("ExpectedVersion", expectedVersion);
        return parameters;
    }

    private static bool IsUniqueViolation(SqliteException e) => e.SqliteErrorCode == 19 && e.Message.Contains("UNIQUE", StringComparison.Ordinal);

    private static async Task<ActiveRolloutConflictException> ActiveConflictAsync(DbConnection connection, DbTransaction transaction, string endpointKey)
    {
        var active = await connection.ExecuteScalarAsync<string>(
            "SELECT id FROM rollouts WHERE endpoint_key = @endpointKey AND active = 1",
            new { endpointKey },
            transaction).ConfigureAwait(false);
        return new ActiveRolloutConflictException(endpointKey, Guid.Parse(active!, CultureInfo.InvariantCulture));
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed class RolloutRow
    {
        public string Id { get; set; } = "";

        public string EndpointKey { get; set; } = "";

        public string Endpoint { get; set; } = "";

        public string Phase { get; set; } = "";

        public bool Active { get; set; }

        public string? PausedFrom { get; set; }

        public int StepIndex { get; set; }

        public string StepStartedAt { get; set; } = "";

        public bool BakeEndRequested { get; set; }

        public bool Approved { get; set; }

        public string? RollbackReason { get; set; }

        public string? FailureReason { get; set; }

        public int Attempt { get; set; }

        public string SubmittedBy { get; set; } = "";

        public string CreatedAt { get; set; } = "";

        public string UpdatedAt { get; set; } = "";

        public long Version { get; set; }

        public string PlanJson { get; set; } = "";

        public string? QueuedBehind { get; set; }

        public static RolloutRow From(Rollout r) => new()
        {
            Id = r.Id.ToString(),
            EndpointKey = r.EndpointKey,
            Endpoint = r.Plan.Target.Endpoint,
            Phase = r.Phase.ToString(),
            Active = r.Phase.IsActive(),
            PausedFrom = r.PausedFrom?.ToString(),
            StepIndex = r.StepIndex,
            StepStartedAt = Time(r.StepStartedAt),
            BakeEndRequested = r.BakeEndRequested,
            Approved = r.Approved,
            RollbackReason = r.RollbackReason,
            FailureReason = r.FailureReason,
            Attempt = r.Attempt,
            SubmittedBy = r.SubmittedBy,
            CreatedAt = Time(r.CreatedAt),
            UpdatedAt = Time(r.UpdatedAt),
            Version = r.Version,
            PlanJson = JsonSerializer.Serialize(r.Plan, StoredJson.Options),
            QueuedBehind = r.QueuedBehind?.ToString(),
        };

        public Rollout ToRollout() => new()
        {
            Id = Guid.Parse(Id, CultureInfo.InvariantCulture),
            EndpointKey = EndpointKey,
            Plan = JsonSerializer.Deserialize<RolloutPlan>(PlanJson, StoredJson.Options)
                ?? throw new InvalidDataException($"rollout {Id} has an empty plan"),
            Phase = Enum.Parse<RolloutPhase>(Phase),
            PausedFrom = PausedFrom is null ? null : Enum.Parse<RolloutPhase>(PausedFrom),
            StepIndex = StepIndex,
            StepStartedAt = Time(StepStartedAt),
            BakeEndRequested = BakeEndRequested,
            Approved = Approved,
            RollbackReason = RollbackReason,
            FailureReason = FailureReason,
            Attempt = Attempt,
            SubmittedBy = SubmittedBy,
            CreatedAt = Time(CreatedAt),
            UpdatedAt = Time(UpdatedAt),
            Version = Version,
            QueuedBehind = QueuedBehind is null ? null : Guid.Parse(QueuedBehind, CultureInfo.InvariantCulture),
        };
    }
}
