namespace Orchestrator.Features.Rollouts.GetRolloutAudit;

/// <summary>A rollout's audit log, oldest first.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="Events">The entries.</param>
public sealed record AuditLog(Guid RolloutId, IReadOnlyList<AuditEntry> Events);
