using System.Globalization;
using System.Text.Json;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.GetRollout;
using Orchestrator.Features.Rollouts.GetRolloutAudit;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Cli.Client;

/// <summary>
/// Follows one rollout over the API until it ends. Every interval on the injected clock it reads the rollout, then
/// the audit log and the gate history from where it left off (their cursors), so it prints every transition and every
/// gate round in order, even those that came and went between two polls, and each change of step or split (desired
/// and actual). A server that stops answering mid-watch is waited for (said once); the rollout goes on regardless.
/// </summary>
internal sealed class RolloutWatcher(OrchestratorClient client, Guid id, TimeSpan interval, ClientInvocation call)
{
    private readonly TextWriter _output = call.Output;
    private readonly TimeProvider _time = call.Context.Time;
    private readonly RolloutFeeds _feeds = new(client, id);
    private string? _seenLine;
    private DateTimeOffset? _seenRoundAt;
    private long _auditCursor;
    private long _roundCursor;
    private bool _outage;

    /// <summary>Watches until the rollout ends; returns the exit code of its final state (0 Succeeded, 1 RolledBack or Cancelled, 3 Failed).</summary>
    /// <exception cref="ClientFailureException">The first read failed, or a later one failed for good (401, 403, 404).</exception>
    public async Task<int> WatchAsync(CancellationToken cancellationToken = default)
    {
        var (view, body) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!call.Settings.Json)
        {
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"watching rollout {view.Id}: {view.Baseline} → {view.Candidate} on {view.EndpointKey}, every {interval.TotalSeconds:0.#} s (Ctrl+C stops watching; the rollout goes on)")).ConfigureAwait(false);
        }

        // The transitions so far (a few per rollout), so that `submit && watch` shows the rollout from its start. Of the
        // gate history only the latest round matters now; `rollouts gates` shows the rest.
        var (history, auditNext) = await _feeds.ReadAuditAsync(0, cancellationToken).ConfigureAwait(false);
        _auditCursor = auditNext;
        IReadOnlyList<GateRoundView> rounds = view.LastGateRound is { } last ? [last] : [];
        _roundCursor = view.LastGateRound?.Sequence ?? 0;
        WriteInOrder(history, rounds);
        Report(view, body);
        while (!view.State.IsTerminal())
        {
            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            try
            {
                (view, body) = await ReadAsync(cancellationToken).ConfigureAwait(false);
                await ReportNewEntriesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ClientFailureException e) when (e.IsTransient)
            {
                if (!_outage)
                {
                    _outage = true;
                    await call.Error.WriteLineAsync($"{Now()} {e.Message}; still trying every {interval.TotalSeconds:0.#} s").ConfigureAwait(false);
                }

                continue;
            }

            if (_outage)
            {
                _outage = false;
                await call.Error.WriteLineAsync($"{Now()} the server answers again").ConfigureAwait(false);
            }

            Report(view, body);
        }

        if (!call.Settings.Json)
        {
            var reason = view.FailureReason ?? view.RollbackReason;
            await _output.WriteLineAsync($"rollout {view.Id} ended {view.State}" + (reason is null || view.State == RolloutPhase.Succeeded ? "" : $": {ProblemLine.OneLine(reason)}")).ConfigureAwait(false);
        }

        return ExitCodes.ForFinalState(view.State);
    }

    private async Task<(RolloutView View, string Body)> ReadAsync(CancellationToken cancellationToken)
    {
        var answer = await client.GetAsync($"api/v1/rollouts/{id}", cancellationToken).ConfigureAwait(false);
        return (answer.Read<RolloutView>(), answer.Body);
    }

    /// <summary>
    /// Prints the audit entries and gate rounds recorded since the last poll. Read after the rollout: a transition is
    /// stored with the state it leads to, so once the rollout reads as ended, these reads hold its last transition too.
    /// The cursors move only once both feeds were read, so a failed read is repeated, never skipped.
    /// </summary>
    private async Task ReportNewEntriesAsync(CancellationToken cancellationToken)
    {
        var (entries, auditNext) = await _feeds.ReadAuditAsync(_auditCursor, cancellationToken).ConfigureAwait(false);
        var (rounds, roundNext) = await _feeds.ReadRoundsAsync(_roundCursor, cancellationToken: cancellationToken).ConfigureAwait(false);
        (_auditCursor, _roundCursor) = (auditNext, roundNext);
        WriteInOrder(entries, rounds);
    }

    /// <summary>Entries and rounds by time; at the same time a round first, as a failed round causes the rollback beside it.</summary>
    private void WriteInOrder(IReadOnlyList<AuditEntry> entries, IReadOnlyList<GateRoundView> rounds)
    {
        var lines = rounds.Select(r => (r.At, Order: 0, r.Sequence, Write: (Action)(() => WriteRound(r))))
            .Concat(entries.Select(e => (e.At, Order: 1, e.Sequence, Write: (Action)(() => WriteEntry(e)))))
            .OrderBy(l => l.At).ThenBy(l => l.Order).ThenBy(l => l.Sequence);
        foreach (var line in lines)
        {
            line.Write();
        }
    }

    private void WriteEntry(AuditEntry entry)
    {
        // With --json each entry is its own object (it has action and toState, where the rollout's objects have state).
        _output.WriteLine(call.Settings.Json ? JsonSerializer.Serialize(entry, StoredJson.Options) : $"{Now()}   audit {RolloutText.Entry(entry)}");
    }

    private void WriteRound(GateRoundView round)
    {
        // With --json the rollout's own JSON carries its latest round; the per-round lines are for people.
        if (!call.Settings.Json)
        {
            _output.WriteLine($"{Now()}   gates {RolloutText.Round(round)}");
        }
    }

    /// <summary>Prints the rollout when its state, step or split changed (with --json: its JSON, one line per change).</summary>
    private void Report(RolloutView view, string body)
    {
        var actual = view.ActualTraffic is { Known: true, Traffic: { } traffic } && RolloutText.Split(traffic) == RolloutText.Split(view.DesiredTraffic)
            ? "as desired"
            : RolloutText.Actual(view.ActualTraffic);
        var line = $"{view.State,-16} step {RolloutText.Step(view),-16} desired {RolloutText.Split(view.DesiredTraffic)}  actual {actual}";
        var lineChanged = line != _seenLine;
        var roundAt = view.LastGateRound?.At;
        if (!lineChanged && roundAt == _seenRoundAt)
        {
            return;
        }

        (_seenLine, _seenRoundAt) = (line, roundAt);
        if (call.Settings.Json)
        {
            _output.WriteLine(body.ReplaceLineEndings(""));
        }
        else if (lineChanged)
        {
            _output.WriteLine($"{Now()} {line}");
        }
    }

    private string Now() => _time.GetUtcNow().UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
