using System.Globalization;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.GetRollout;
using Orchestrator.Rollouts;

namespace Orchestrator.Cli.Client;

/// <summary>
/// Follows one rollout over the API until it ends: polls the rollout every interval on the injected clock and prints
/// each change of state, step or split (desired and actual) and each new gate round with its numbers. A server that
/// stops answering mid-watch is waited for (said once); the rollout goes on regardless of the watcher.
/// </summary>
internal sealed class RolloutWatcher(OrchestratorClient client, Guid id, TimeSpan interval, ClientInvocation call)
{
    private readonly TextWriter _output = call.Output;
    private readonly TimeProvider _time = call.Context.Time;
    private string? _seenLine;
    private DateTimeOffset? _seenRoundAt;
    private DateTimeOffset _lastRoundAt = DateTimeOffset.MinValue;
    private int _lastRoundStep = -1;
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

        // Of the history only the latest round matters now; `rollouts gates` shows the rest.
        if (view.LastGateRound is { } last)
        {
            WriteRound(last);
            (_lastRoundAt, _lastRoundStep) = (last.At, last.StepIndex);
        }

        Report(view, body);
        while (!view.State.IsTerminal())
        {
            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            try
            {
                (view, body) = await ReadAsync(cancellationToken).ConfigureAwait(false);
                await ReportNewRoundsAsync(view, cancellationToken).ConfigureAwait(false);
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
    /// Prints the rounds recorded since the last one printed. The rollout shows only its latest round, so when that
    /// moved on, the rounds of the steps in between are read (usually one step; several rounds when gates run faster
    /// than the watcher polls).
    /// </summary>
    private async Task ReportNewRoundsAsync(RolloutView view, CancellationToken cancellationToken)
    {
        if (view.LastGateRound is not { } latest || latest.At <= _lastRoundAt)
        {
            return;
        }

        var first = _lastRoundStep >= 0 && _lastRoundStep <= latest.StepIndex ? _lastRoundStep : latest.StepIndex;
        var rounds = new List<GateRoundView>();
        for (var step = first; step <= latest.StepIndex; step++)
        {
            var answer = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/v1/rollouts/{id}/gates?step={step}"), cancellationToken).ConfigureAwait(false);
            rounds.AddRange(answer.Read<GateHistory>().Rounds.Where(r => r.At > _lastRoundAt));
        }

        foreach (var round in rounds.OrderBy(r => r.At).DefaultIfEmpty(latest))
        {
            WriteRound(round);
        }

        (_lastRoundAt, _lastRoundStep) = (latest.At, latest.StepIndex);
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
