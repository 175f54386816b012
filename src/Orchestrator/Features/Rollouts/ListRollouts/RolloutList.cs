namespace Orchestrator.Features.Rollouts.ListRollouts;

/// <summary>A page of rollouts, newest first.</summary>
/// <param name="Rollouts">The rollouts.</param>
public sealed record RolloutList(IReadOnlyList<RolloutSummary> Rollouts);
