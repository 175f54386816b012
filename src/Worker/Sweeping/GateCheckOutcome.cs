namespace Worker.Sweeping;

/// <summary>What a claimed check came to, written back with the claim released.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="NextAt">When to check again; null when the rollout no longer bakes (its row goes, unless a newer schedule arrived).</param>
/// <param name="Attempt">Failures in a row so far (0 after a check that ran).</param>
internal sealed record GateCheckOutcome(string RolloutId, DateTimeOffset? NextAt, int Attempt);
