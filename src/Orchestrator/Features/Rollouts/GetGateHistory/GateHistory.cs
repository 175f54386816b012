namespace Orchestrator.Features.Rollouts.GetGateHistory;

/// <summary>A page of a rollout's gate-check rounds, oldest first.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="Rounds">The rounds after the cursor asked for, at most the limit.</param>
/// <param name="Next">The cursor to send as <c>after</c> for the rounds after these: the last round's sequence, or the cursor asked for when the page is empty.</param>
/// <param name="HasMore">True when rounds after this page exist already (the page was full); false when the history ends here for now.</param>
public sealed record GateHistory(Guid RolloutId, IReadOnlyList<GateRoundView> Rounds, long Next, bool HasMore);
