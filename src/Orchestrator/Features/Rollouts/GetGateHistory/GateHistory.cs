namespace Orchestrator.Features.Rollouts.GetGateHistory;

/// <summary>A rollout's gate-check rounds, oldest first.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="Rounds">The rounds.</param>
public sealed record GateHistory(Guid RolloutId, IReadOnlyList<GateRoundView> Rounds);
