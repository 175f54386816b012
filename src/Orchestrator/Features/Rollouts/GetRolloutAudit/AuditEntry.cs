using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.GetRolloutAudit;

/// <summary>One audit entry as the API shows it.</summary>
/// <param name="Sequence">Its place in the log: greater than every earlier entry's (not consecutive); the feed's cursor.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who: a key name, a person, a pipeline or <c>scheduler</c>.</param>
/// <param name="Role">The role the action was authorized under (<c>viewer</c>, <c>on-call</c>, <c>release-manager</c>, <c>admin</c>, <c>system</c>).</param>
/// <param name="Source">Where the command came from.</param>
/// <param name="Action">What was done.</param>
/// <param name="Reason">Why, when given.</param>
/// <param name="FromState">The state before, when it changed.</param>
/// <param name="ToState">The state after, when it changed.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Role,
    CommandSource Source,
    string Action,
    string? Reason,
    RolloutPhase? FromState,
    RolloutPhase? ToState);
