using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Dispatching;
using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.AbortRollout;
using Orchestrator.Features.Rollouts.SubmitRollout;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Orchestrator.Targets;

namespace Orchestrator.Cli;

/// <summary>
/// Submits one plan on a running node and follows it to the end, printing each phase, the traffic split and each
/// gate round with its numbers. Used by <c>run</c> and <c>demo</c>.
/// </summary>
internal sealed class ForegroundRollout(IServiceProvider services, TextWriter progress)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly IRolloutStore _store = services.GetRequiredService<IRolloutStore>();
    private readonly TimeProvider _clock = services.GetRequiredService<TimeProvider>();
    private DateTimeOffset _started;

    /// <summary>Raised on every observed change of the rollout (the demo injects its fault here).</summary>
    public event Func<Rollout, Task>? Changed;

    /// <summary>
    /// Submits the plan as the given actor and follows it; an interruption (<paramref name="cancellationToken"/>,
    /// Ctrl+C or SIGTERM) aborts the rollout and waits for the rollback. A second signal ends the process at once.
    /// </summary>
    public async Task<RolloutSummary> RunAsync(string planText, Actor actor, CancellationToken cancellationToken)
    {
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        return await SubmitAndFollowAsync(planText, actor, interrupted.Token);

        void Interrupt(PosixSignalContext context)
        {
            // The first signal is ours to handle (abort, roll back, summarize); a second keeps its default action.
            context.Cancel = !interrupted.IsCancellationRequested;
            interrupted.Cancel();
        }
    }

    private async Task<RolloutSummary> SubmitAndFollowAsync(string planText, Actor actor, CancellationToken cancellationToken)
    {
        _started = _clock.GetUtcNow();
        var sender = services.GetRequiredService<ISender>();
        var rollout = await sender.SendAsync(new SubmitRolloutCommand(planText, actor), CancellationToken.None);
        Write($"submitted rollout {rollout.Id}: {rollout.Plan.Baseline.Name} → {rollout.Plan.Candidate.Name} on {rollout.Plan.Target.Endpoint} ({rollout.Plan.Steps.Count} steps, gates: {rollout.Plan.Policy.Name})");
        if (rollout.Phase == RolloutPhase.Queued)
        {
            Write($"endpoint {rollout.Plan.Target.Endpoint} is busy: queued behind rollout {rollout.QueuedBehind}; waiting for the rollouts ahead to end (Ctrl+C cancels)");
        }

        try
        {
            rollout = await FollowAsync(rollout.Id, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Write("interrupted: aborting the rollout and waiting for the rollback");
            // Stopping the run they started is the console user's call; abort is an on-call action, so it is recorded as one.
            await sender.SendAsync(new AbortRolloutCommand(rollout.Id, "the foreground run was interrupted", actor with { Role = ActorRole.OnCall }), CancellationToken.None);
            using var rollbackWait = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            rollout = await FollowAsync(rollout.Id, rollbackWait.Token);
        }

        return await RolloutSummary.ForAsync(rollout, services.GetRequiredService<IEndpointTargetFactory>(), _clock.GetUtcNow(), CancellationToken.None);
    }

    private async Task<Rollout> FollowAsync(Guid id, CancellationToken cancellationToken)
    {
        long seenVersion = -1;
        var seenRounds = 0;
        while (true)
        {
            var rollout = await _store.GetAsync(id, cancellationToken) ?? throw new RolloutNotFoundException(id);
            if (rollout.Version != seenVersion)
            {
                seenVersion = rollout.Version;
                Write(Describe(rollout));
                if (Changed is { } changed)
                {
                    await changed(rollout);
                }
            }

            var rounds = await _store.GetGateRoundsAsync(id, cancellationToken: cancellationToken);
            foreach (var round in rounds.Skip(seenRounds))
            {
                Write("  gates " + GateEvaluationText.Describe(round.Evaluations));
            }

            seenRounds = rounds.Count;
            if (rollout.Phase.IsTerminal())
            {
                return rollout;
            }

            await Task.Delay(PollInterval, _clock, cancellationToken);
        }
    }

    private static string Describe(Rollout rollout)
    {
        var step = rollout.CurrentStep is { } s && !rollout.Phase.IsTerminal()
            ? string.Create(CultureInfo.InvariantCulture, $"step {rollout.StepIndex + 1}/{rollout.Plan.Steps.Count} {Describe(s)}")
            : rollout.Phase.IsTerminal() ? "done"
            : rollout.Phase == RolloutPhase.Queued ? $"waiting for the endpoint (queued behind rollout {rollout.QueuedBehind})"
            : "preparing the endpoint";
        var split = rollout.StepIndex >= 0 && !rollout.Phase.IsTerminal()
            ? $" desired traffic {rollout.DesiredTraffic()}"
            : "";
        var reason = rollout.RollbackReason is { } r && rollout.Phase is RolloutPhase.RollingBack or RolloutPhase.RolledBack or RolloutPhase.Cancelled ? $" — {r}" : "";
        return $"{rollout.Phase,-18} {step}{split}{reason}";
    }

    private static string Describe(Plans.RolloutStep step) => step switch
    {
        Plans.RolloutStep.Mirror m => $"mirror {m.Percent}% (bake {m.Bake.TotalSeconds:0}s)",
        Plans.RolloutStep.Traffic t => $"traffic {t.Percent}% (bake {t.Bake.TotalSeconds:0}s)",
        _ => step.KindName,
    };

    private void Write(string line) =>
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{(_clock.GetUtcNow() - _started).TotalSeconds,6:0.0}s] {line}"));
}
