namespace Orchestrator.Features.Rollouts.GetRolloutAudit;

/// <summary>A page of a rollout's audit log, oldest first.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="Events">The entries after the cursor asked for, at most the limit.</param>
/// <param name="Next">The cursor to send as <c>after</c> for the entries after these: the last entry's sequence, or the cursor asked for when the page is empty.</param>
/// <param name="HasMore">True when entries after this page exist already (the page was full); false when the log ends here for now.</param>
public sealed record AuditLog(Guid RolloutId, IReadOnlyList<AuditEntry> Events, long Next, bool HasMore);
