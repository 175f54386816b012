namespace Worker.Sweeping;

/// <summary>One sweep's answer.</summary>
/// <param name="Claimed">The due checks this node now holds.</param>
/// <param name="Lost">Rollouts whose outcome found no claim of ours: unscheduled while they ran (or the claim expired).</param>
/// <param name="NextDueAt">The earliest due time of an unclaimed check, or of a claim's expiry; null when the table is empty.</param>
internal sealed record SweepResult(IReadOnlyList<GateCheckClaim> Claimed, IReadOnlyList<string> Lost, DateTimeOffset? NextDueAt);
