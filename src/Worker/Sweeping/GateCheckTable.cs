using System.Data.Common;

namespace Worker.Sweeping;

/// <summary>
/// The worker's table of gate checks, <c>worker_gate_checks</c>, in the worker's database: one row per rollout whose
/// gates are watched, with its due time, its failures in a row, and a claim (which node runs it, until when). Times
/// are UTC ticks, so a schedule reads back exactly as it was asked. While a node holds a claim the row's due time is
/// the claim's expiry, so a node that dies mid-check frees it by time alone; a schedule that arrives meanwhile lowers
/// it below the expiry, which is how the sweeper knows, when the check ends, that an earlier check was asked for.
/// The SQL is what SQLite and PostgreSQL both accept (upsert, <c>UPDATE … RETURNING</c>); only SQLite is tested.
/// </summary>
internal sealed class GateCheckTable(WorkerDatabase database)
{
    /// <summary>The table's name.</summary>
    public const string Name = "worker_gate_checks";

    private const string Schema = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            rollout_id TEXT NOT NULL PRIMARY KEY,
            due_at BIGINT NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 0,
            claimed_by TEXT NULL,
            claimed_until BIGINT NULL);
        CREATE INDEX IF NOT EXISTS ix_{Name}_due_at ON {Name} (due_at);
        """;

    // The earlier time wins; a row being checked keeps its claim, and its due time (the claim's expiry) drops to the request.
    private const string Upsert = $"""
        INSERT INTO {Name} (rollout_id, due_at, attempt) VALUES (@id, @at, 0)
        ON CONFLICT (rollout_id) DO UPDATE SET due_at = excluded.due_at WHERE excluded.due_at < {Name}.due_at
        """;

    // The outer conditions repeat the inner ones so that PostgreSQL re-checks them on a row another node claimed first.
    private const string Claim = $"""
        UPDATE {Name} SET claimed_by = @owner, claimed_until = @until, due_at = @until
        WHERE rollout_id IN (
                SELECT rollout_id FROM {Name}
                WHERE due_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                ORDER BY due_at LIMIT @limit)
            AND due_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
        RETURNING rollout_id, attempt
        """;

    // A due time below the claim's expiry was asked for while the check ran: the earlier of it and the answer wins.
    private const string Reschedule = $"""
        UPDATE {Name}
        SET due_at = CASE WHEN due_at < claimed_until AND due_at < @next THEN due_at ELSE @next END,
            attempt = @attempt, claimed_by = NULL, claimed_until = NULL
        WHERE rollout_id = @id AND claimed_by = @owner
        """;

    private const string Finish = $"DELETE FROM {Name} WHERE rollout_id = @id AND claimed_by = @owner AND due_at >= claimed_until";

    private const string Unclaim = $"UPDATE {Name} SET attempt = 0, claimed_by = NULL, claimed_until = NULL WHERE rollout_id = @id AND claimed_by = @owner";

    // Claimed rows count by their expiry (their due time) unless a request lowered it: the claim's holder acts on that when its check ends.
    private const string NextDue = $"SELECT due_at FROM {Name} WHERE claimed_until IS NULL OR claimed_until <= due_at ORDER BY due_at LIMIT 1";

    private readonly Lock _creating = new();
    private Task? _created;

    /// <summary>Creates the table and its index when missing (once per process, again after a failure; Quartz's schema provisioning does not know it).</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var created = Volatile.Read(ref _created);
        if (created is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_creating)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateAsync(database);
            }

            return _created.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Makes sure the rollout's gates are checked no later than <paramref name="at"/> (the earlier time wins).</summary>
    public async Task ScheduleAsync(string rolloutId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        using var entered = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, Upsert, ("@id", rolloutId), ("@at", at.UtcTicks));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the rollout's row; a check running now finishes but writes nothing back.</summary>
    public async Task UnscheduleAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        using var entered = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"DELETE FROM {Name} WHERE rollout_id = @id", ("@id", rolloutId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rollout's due time (while a check runs: the claim's expiry, or an earlier time asked for meanwhile); null when none.</summary>
    public async Task<DateTimeOffset?> GetDueAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT due_at FROM {Name} WHERE rollout_id = @id", ("@id", rolloutId));
        return ToTime(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Frees claims left by a run that ended without writing back (all of them, or one owner's); they fall due at once.</summary>
    public async Task<int> ReleaseClaimsAsync(string? owner, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        using var entered = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = $"""
            UPDATE {Name} SET due_at = CASE WHEN due_at < @now THEN due_at ELSE @now END, claimed_by = NULL, claimed_until = NULL
            WHERE claimed_by IS NOT NULL {(owner is null ? string.Empty : "AND claimed_by = @owner")}
            """;
        await using var command = Command(connection, null, sql, ("@now", now.UtcTicks), ("@owner", owner ?? string.Empty));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One sweep, in one write transaction: writes back the outcomes of finished checks (releasing their claims), claims
    /// up to <paramref name="limit"/> due checks until <paramref name="until"/>, and reads when the next one falls due.
    /// </summary>
    public async Task<SweepResult> SweepAsync(
        IReadOnlyList<GateCheckOutcome> outcomes,
        string owner,
        DateTimeOffset now,
        DateTimeOffset until,
        int limit,
        CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        using var entered = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var lost = await WriteBackAsync(connection, transaction, outcomes, owner, cancellationToken).ConfigureAwait(false);
        var claimed = new List<GateCheckClaim>();
        if (limit > 0)
        {
            await using var claim = Command(connection, transaction, Claim, ("@owner", owner), ("@until", until.UtcTicks), ("@now", now.UtcTicks), ("@limit", limit));
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(new GateCheckClaim(reader.GetString(0), reader.GetInt32(1)));
            }
        }

        await using var next = Command(connection, transaction, NextDue);
        var nextDue = ToTime(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SweepResult(claimed, lost, nextDue);
    }

    private static async Task<List<string>> WriteBackAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<GateCheckOutcome> outcomes, string owner, CancellationToken cancellationToken)
    {
        var lost = new List<string>();
        if (outcomes.Count == 0)
        {
            return lost;
        }

        // One command of each kind for the whole batch, its parameters rebound per outcome.
        await using var reschedule = Command(connection, transaction, Reschedule, ("@id", string.Empty), ("@owner", owner), ("@next", 0L), ("@attempt", 0));
        await using var finish = Command(connection, transaction, Finish, ("@id", string.Empty), ("@owner", owner));
        await using var unclaim = Command(connection, transaction, Unclaim, ("@id", string.Empty), ("@owner", owner));
        foreach (var outcome in outcomes)
        {
            int rows;
            if (outcome.NextAt is { } next)
            {
                reschedule.Parameters["@id"].Value = outcome.RolloutId;
                reschedule.Parameters["@next"].Value = next.UtcTicks;
                reschedule.Parameters["@attempt"].Value = outcome.Attempt;
                rows = await reschedule.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // No more checks: the row goes, unless a schedule arrived while the check ran, which then stands.
                finish.Parameters["@id"].Value = outcome.RolloutId;
                rows = await finish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (rows == 0)
                {
                    unclaim.Parameters["@id"].Value = outcome.RolloutId;
                    rows = await unclaim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (rows == 0)
            {
                lost.Add(outcome.RolloutId);
            }
        }

        return lost;
    }

    private static async Task CreateAsync(WorkerDatabase database)
    {
        using var entered = await database.EnterWriteAsync().ConfigureAwait(false);
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, null, Schema);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static DateTimeOffset? ToTime(object? value) =>
        value is null or DBNull ? null : new DateTimeOffset(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}
