using Orchestrator.Rollouts;

namespace Orchestrator.Persistence;

/// <summary>An audit event with its place in the log: a sequence number that only grows, the cursor of the audit feed.</summary>
/// <param name="Sequence">The event's sequence number (its row id): greater than every earlier event's, never reused.</param>
/// <param name="Event">The event.</param>
public sealed record SequencedAuditEvent(long Sequence, AuditEvent Event);
