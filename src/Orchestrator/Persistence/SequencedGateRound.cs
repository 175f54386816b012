using Policies.Gates;

namespace Orchestrator.Persistence;

/// <summary>A gate round with its step and its place in the history: the cursor of the gate feed.</summary>
/// <param name="Sequence">The round's sequence number (the row id of its last evaluation): greater than every earlier round's, never reused.</param>
/// <param name="StepIndex">The step the round belongs to.</param>
/// <param name="Round">The round.</param>
public sealed record SequencedGateRound(long Sequence, int StepIndex, GateRound Round);
