using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.GetGateHistory;

/// <summary>A rollout's gate-check rounds with their evidence, oldest first; of one step when given.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="StepIndex">Only this step's rounds.</param>
public sealed record GetGateHistoryQuery(Guid RolloutId, int? StepIndex = null) : ICommand<GateHistory>;

/// <summary>Reads the rounds step by step, so each round is labelled with its step.</summary>
public sealed class GetGateHistoryQueryHandler(IRolloutStore store) : ICommandHandler<GetGateHistoryQuery, GateHistory>
{
    /// <inheritdoc />
    public async Task<GateHistory> HandleAsync(GetGateHistoryQuery command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetAsync(command.RolloutId, cancellationToken).ConfigureAwait(false)
            ?? throw new RolloutNotFoundException(command.RolloutId);
        if (command.StepIndex is { } step && (step < 0 || step >= rollout.Plan.Steps.Count))
        {
            // The CLI sends its 1-based --step minus one: say both counts, or "0 and 4" reads wrong to someone who typed 9.
            var count = rollout.Plan.Steps.Count;
            throw new CommandValidationException([new ValidationFailure("step", $"must be a stepIndex from 0 to {count - 1}, counting from 0 (rollouts gates --step counts from 1: 1 to {count})")]);
        }

        return new GateHistory(rollout.Id, await ReadRoundsAsync(store, rollout, command.StepIndex, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The rounds of every step (or one), oldest first; shared with the rollout view's last verdicts.</summary>
    internal static async Task<IReadOnlyList<GateRoundView>> ReadRoundsAsync(IRolloutStore store, Rollout rollout, int? stepIndex, CancellationToken cancellationToken)
    {
        var steps = stepIndex is { } only ? [only] : Enumerable.Range(0, rollout.Plan.Steps.Count);
        var rounds = new List<GateRoundView>();
        foreach (var step in steps)
        {
            var stored = await store.GetGateRoundsAsync(rollout.Id, step, cancellationToken).ConfigureAwait(false);
            rounds.AddRange(stored.Select(r => GateRoundView.From(step, rollout.Plan.Steps[step].KindName, r)));
        }

        // A retry starts over at step 0, so step order is not time order.
        return [.. rounds.OrderBy(r => r.At)];
    }
}
