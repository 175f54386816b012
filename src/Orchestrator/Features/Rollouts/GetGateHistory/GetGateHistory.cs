using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.GetGateHistory;

/// <summary>A page of a rollout's gate-check rounds with their evidence, oldest first; of one step when given.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="StepIndex">Only this step's rounds.</param>
/// <param name="After">Only rounds after this sequence (0: from the start).</param>
/// <param name="Limit">At most this many rounds (1..<see cref="FeedPaging.MaxLimit"/>).</param>
public sealed record GetGateHistoryQuery(Guid RolloutId, int? StepIndex = null, long After = 0, int Limit = FeedPaging.DefaultLimit) : ICommand<GateHistory>;

/// <summary>Reads a page of rounds in the order they were recorded (a retry starts over at step 0, so that is not step order); each is labelled with its step.</summary>
public sealed class GetGateHistoryQueryHandler(IRolloutStore store) : ICommandHandler<GetGateHistoryQuery, GateHistory>
{
    /// <inheritdoc />
    public async Task<GateHistory> HandleAsync(GetGateHistoryQuery command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var failures = FeedPaging.Check(command.After, command.Limit).ToList();
        if (failures.Count > 0)
        {
            throw new CommandValidationException(failures);
        }

        var rollout = await store.GetAsync(command.RolloutId, cancellationToken).ConfigureAwait(false)
            ?? throw new RolloutNotFoundException(command.RolloutId);
        if (command.StepIndex is { } step && (step < 0 || step >= rollout.Plan.Steps.Count))
        {
            // The CLI sends its 1-based --step minus one: say both counts, or "0 and 4" reads wrong to someone who typed 9.
            var count = rollout.Plan.Steps.Count;
            throw new CommandValidationException([new ValidationFailure("step", $"must be a stepIndex from 0 to {count - 1}, counting from 0 (rollouts gates --step counts from 1: 1 to {count})")]);
        }

        // One more than the page, to tell a full page with more behind it from the history's end.
        var rounds = await store.GetGateRoundPageAsync(rollout.Id, command.After, command.Limit + 1, command.StepIndex, cancellationToken).ConfigureAwait(false);
        var page = rounds.Take(command.Limit).Select(r => View(rollout, r)).ToList();
        return new GateHistory(rollout.Id, page, FeedPaging.Next(page, command.After, r => r.Sequence), rounds.Count > command.Limit);
    }

    /// <summary>A stored round as the API shows it, labelled with its step's kind; shared with the rollout view's last round.</summary>
    internal static GateRoundView View(Rollout rollout, SequencedGateRound round) =>
        GateRoundView.From(round, rollout.Plan.Steps[round.StepIndex].KindName);
}
