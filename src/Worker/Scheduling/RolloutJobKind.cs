namespace Worker.Scheduling;

/// <summary>The two kinds of scheduled work each rollout has (for logs).</summary>
internal enum RolloutJobKind
{
    /// <summary>Reconcile and advance (<see cref="Jobs.AdvanceRolloutJob"/>).</summary>
    Tick,

    /// <summary>Evaluate the gates (run by the gate-check sweeper, not a Quartz job: ADR-007).</summary>
    GateCheck,
}
