namespace Policies.Gates;

/// <summary>A set of gates and the limits that turn their verdicts into one decision.</summary>
/// <param name="Name">The policy's name (its file name under <c>policies/</c>, or <c>inline</c>).</param>
/// <param name="Interval">How often gates are evaluated during a bake (floor 1 s).</param>
/// <param name="Gates">The gates; every one must pass for a round to pass.</param>
/// <param name="FailureLimit">Consecutive failed rounds that roll back.</param>
/// <param name="InconclusiveLimit">Consecutive inconclusive or unavailable rounds before the rollout holds and alerts.</param>
/// <param name="MaxBlind">How long a rollout may go without a conclusive round before it rolls back.</param>
public sealed record GatePolicy(
    string Name,
    TimeSpan Interval,
    IReadOnlyList<Gate> Gates,
    int FailureLimit,
    int InconclusiveLimit,
    TimeSpan MaxBlind);
