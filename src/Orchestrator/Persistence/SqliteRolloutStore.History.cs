using System.Data.Common;
using Dapper;
using Orchestrator.Rollouts;
using Policies.Gates;
using Policies.Loading;

namespace Orchestrator.Persistence;

/// <summary>The append-only parts of the store: audit events, gate rounds, identified command results.</summary>
public sealed partial class SqliteRolloutStore
{
    private const string GateColumns =
        "step_index AS StepIndex, round_at AS RoundAt, gate AS Gate, metric AS Metric, verdict AS Verdict, " +
        "observed AS Observed, baseline AS Baseline, threshold AS Threshold, samples AS Samples, " +
        "window_start AS WindowStart, window_end AS WindowEnd, reason AS Reason";

    /// <inheritdoc />
    public async Task AppendAuditAsync(IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        await using var write = await connections.BeginWriteAsync(cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        await AppendAuditAsync(connection, transaction, audit);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendGateRoundAsync(Guid rolloutId, int stepIndex, GateRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        await using var write = await connections.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var (connection, transaction) = (write.Connection, write.Transaction);
        await AppendGateRoundAsync(connection, transaction, rolloutId, stepIndex, round).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GateRound>> GetGateRoundsAsync(Guid rolloutId, int? stepIndex = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<GateRow>(
            $"SELECT {GateColumns} FROM gate_evaluations WHERE rollout_id = @id AND (@step IS NULL OR step_index = @step) ORDER BY seq",
            new { id = rolloutId.ToString(), step = stepIndex }).ConfigureAwait(false);
        return
        [
            .. rows.GroupBy(r => (r.StepIndex, r.RoundAt))
                .Select(g => new GateRound(Time(g.Key.RoundAt), [.. g.Select(r => r.ToEvaluation())])),
        ];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GateRound>> GetDecidingGateRoundsAsync(Guid rolloutId, int stepIndex, CancellationToken cancellationToken = default)
    {
        // Newest first through the (rollout, step, seq) index, stopping at the first round that passed: a healthy
        // step reads one round whatever its length. A round's rows are appended together, so they are adjacent.
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var newestFirst = new List<GateRound>();
        var rows = new List<GateRow>();
        var stored = connection.QueryUnbufferedAsync<GateRow>(
            $"SELECT {GateColumns} FROM gate_evaluations WHERE rollout_id = @id AND step_index = @step ORDER BY seq DESC",
            new { id = rolloutId.ToString(), step = stepIndex });
        await foreach (var row in stored.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (rows.Count > 0 && row.RoundAt != rows[0].RoundAt)
            {
                var round = ToRound(rows);
                newestFirst.Add(round);
                rows.Clear();
                if (GateDecider.VerdictOf(round) == GateVerdict.Pass)
                {
                    break;
                }
            }

            rows.Add(row);
        }

        if (rows.Count > 0)
        {
            newestFirst.Add(ToRound(rows));
        }

        newestFirst.Reverse();
        return newestFirst;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEvent>> GetAuditAsync(Guid rolloutId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(
            """
            SELECT at AS At, actor AS Actor, role AS Role, source AS Source, action AS Action, reason AS Reason,
                from_state AS FromState, to_state AS ToState
            FROM audit_events WHERE rollout_id = @id ORDER BY seq
            """,
            new { id = rolloutId.ToString() }).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToEvent(rolloutId))];
    }

    /// <inheritdoc />
    public async Task<string?> FindCommandResultAsync(string requestId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(
            "SELECT result_json FROM command_results WHERE request_id = @requestId", new { requestId }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveCommandResultAsync(string requestId, string commandName, string resultJson, CancellationToken cancellationToken = default)
    {
        await using var write = await connections.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await write.Connection.ExecuteAsync(
            "INSERT INTO command_results (request_id, command, result_json) VALUES (@requestId, @commandName, @resultJson) ON CONFLICT (request_id) DO NOTHING",
            new { requestId, commandName, resultJson },
            write.Transaction).ConfigureAwait(false);
        await write.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One round from its rows read newest first.</summary>
    private static GateRound ToRound(List<GateRow> newestFirst) =>
        new(Time(newestFirst[0].RoundAt), [.. Enumerable.Reverse(newestFirst).Select(r => r.ToEvaluation())]);

    private static async Task AppendGateRoundAsync(DbConnection connection, DbTransaction transaction, Guid rolloutId, int stepIndex, GateRound round)
    {
        var rows = round.Evaluations.Select(e => new
        {
            rolloutId = rolloutId.ToString(),
            stepIndex,
            roundAt = Time(round.At),
            gate = e.Gate,
            metric = e.Metric.ToPolicyName(),
            verdict = e.Verdict.ToString(),
            observed = e.Observed,
            baseline = e.Baseline,
            threshold = e.Threshold,
            samples = e.Samples,
            windowStart = Time(e.WindowStart),
            windowEnd = Time(e.WindowEnd),
            reason = e.Reason,
        });
        await connection.ExecuteAsync(
            """
            INSERT INTO gate_evaluations (rollout_id, step_index, round_at, gate, metric, verdict, observed, baseline,
                threshold, samples, window_start, window_end, reason)
            VALUES (@rolloutId, @stepIndex, @roundAt, @gate, @metric, @verdict, @observed, @baseline, @threshold,
                @samples, @windowStart, @windowEnd, @reason)
            """,
            rows,
            transaction).ConfigureAwait(false);
    }

    private static async Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEvent> audit)
    {
        if (audit.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO audit_events (rollout_id, at, actor, role, source, action, reason, from_state, to_state)
            VALUES (@RolloutId, @At, @Actor, @Role, @Source, @Action, @Reason, @FromState, @ToState)
            """,
            audit.Select(e => new
            {
                RolloutId = e.RolloutId.ToString(),
                At = Time(e.At),
                Actor = e.Actor.Name,
                Role = e.Actor.Role.ToString(),
                Source = e.Actor.Source.ToString(),
                e.Action,
                e.Reason,
                FromState = e.FromState?.ToString(),
                ToState = e.ToState?.ToString(),
            }),
            transaction).ConfigureAwait(false);
    }

    private sealed class GateRow
    {
        public long Seq { get; set; }

        public int StepIndex { get; set; }

        public string RoundAt { get; set; } = "";

        public string Gate { get; set; } = "";

        public string Metric { get; set; } = "";

        public string Verdict { get; set; } = "";

        public double? Observed { get; set; }

        public double? Baseline { get; set; }

        public double? Threshold { get; set; }

        public long Samples { get; set; }

        public string WindowStart { get; set; } = "";

        public string WindowEnd { get; set; } = "";

        public string Reason { get; set; } = "";

        // Rows written before metrics were stored by policy name hold the member name (LatencyP99Ms); both read.
        public GateEvaluation ToEvaluation() => new(
            Gate, GateMetricNames.TryParseStored(Metric, out var metric) ? metric : throw new InvalidDataException($"gate row metric '{Metric}' is not a metric"), Enum.Parse<GateVerdict>(Verdict), Observed, Baseline, Threshold, Samples,
            Time(WindowStart), Time(WindowEnd), Reason);
    }

    private sealed class AuditRow
    {
        public long Seq { get; set; }

        public string At { get; set; } = "";

        public string Actor { get; set; } = "";

        public string Role { get; set; } = "";

        public string Source { get; set; } = "";

        public string Action { get; set; } = "";

        public string? Reason { get; set; }

        public string? FromState { get; set; }

        public string? ToState { get; set; }

        public AuditEvent ToEvent(Guid rolloutId) => new(
            rolloutId,
            Time(At),
            new Actor(Actor, Enum.Parse<ActorRole>(Role), Enum.Parse<CommandSource>(Source)),
            Action,
            Reason,
            FromState is null ? null : Enum.Parse<RolloutPhase>(FromState),
            ToState is null ? null : Enum.Parse<RolloutPhase>(ToState));
    }
}
