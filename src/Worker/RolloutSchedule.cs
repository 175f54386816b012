namespace Worker;

/// <summary>When a rollout's jobs fire next.</summary>
/// <param name="NextTickAt">The next tick, or null when none is scheduled.</param>
/// <param name="NextGateCheckAt">The next gate check, or null when none is scheduled.</param>
public sealed record RolloutSchedule(DateTimeOffset? NextTickAt, DateTimeOffset? NextGateCheckAt);
