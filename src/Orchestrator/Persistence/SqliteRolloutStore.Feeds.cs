using Dapper;

namespace Orchestrator.Persistence;

/// <summary>
/// The feeds: pages of the audit log and of the gate history after a cursor, and the latest round. The cursor is the
/// row id (<c>seq</c>, AUTOINCREMENT): SQLite never reuses it and serializes writers, so a later commit always has a
/// greater one and a reader that passes the last sequence it saw misses nothing.
/// </summary>
public sealed partial class SqliteRolloutStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<SequencedAuditEvent>> GetAuditPageAsync(Guid rolloutId, long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(
            """
            SELECT seq AS Seq, at AS At, actor AS Actor, role AS Role, source AS Source, action AS Action, reason AS Reason,
                from_state AS FromState, to_state AS ToState
            FROM audit_events WHERE rollout_id = @id AND seq > @after ORDER BY seq LIMIT @limit
            """,
            new { id = rolloutId.ToString(), after, limit }).ConfigureAwait(false);
        return [.. rows.Select(r => new SequencedAuditEvent(r.Seq, r.ToEvent(rolloutId)))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SequencedGateRound>> GetGateRoundPageAsync(
        Guid rolloutId, long after, int limit, int? stepIndex = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // A round is several rows (one per gate), so LIMIT cannot count rounds: read in seq order and stop at the first
        // row of the round after the page. A round's rows are appended in one transaction, so they are adjacent.
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var page = new List<SequencedGateRound>();
        var rows = new List<GateRow>();
        var stored = connection.QueryUnbufferedAsync<GateRow>(
            $"SELECT seq AS Seq, {GateColumns} FROM gate_evaluations WHERE rollout_id = @id AND seq > @after AND (@step IS NULL OR step_index = @step) ORDER BY seq",
            new { id = rolloutId.ToString(), after, step = stepIndex });
        await foreach (var row in stored.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (rows.Count > 0 && !SameRound(rows[^1], row))
            {
                page.Add(ToSequencedRound(rows));
                rows.Clear();
                if (page.Count == limit)
                {
                    return page;
                }
            }

            rows.Add(row);
        }

        if (rows.Count > 0)
        {
            page.Add(ToSequencedRound(rows));
        }

        return page;
    }

    /// <inheritdoc />
    public async Task<SequencedGateRound?> GetLastGateRoundAsync(Guid rolloutId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var newestFirst = new List<GateRow>();
        var stored = connection.QueryUnbufferedAsync<GateRow>(
            $"SELECT seq AS Seq, {GateColumns} FROM gate_evaluations WHERE rollout_id = @id ORDER BY seq DESC",
            new { id = rolloutId.ToString() });
        await foreach (var row in stored.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (newestFirst.Count > 0 && !SameRound(newestFirst[0], row))
            {
                break;
            }

            newestFirst.Add(row);
        }

        newestFirst.Reverse();
        return newestFirst.Count == 0 ? null : ToSequencedRound(newestFirst);
    }

    private static bool SameRound(GateRow a, GateRow b) => a.StepIndex == b.StepIndex && a.RoundAt == b.RoundAt;

    /// <summary>One round from its rows in seq order; its sequence is its last row's.</summary>
    private static SequencedGateRound ToSequencedRound(List<GateRow> rows) =>
        new(rows[^1].Seq, rows[0].StepIndex, new(Time(rows[0].RoundAt), [.. rows.Select(r => r.ToEvaluation())]));
}
