namespace Worker.Scheduling;

/// <summary>The two jobs each rollout has.</summary>
internal enum RolloutJobKind
{
    /// <summary>Reconcile and advance (<see cref="Jobs.AdvanceRolloutJob"/>).</summary>
    Tick,

    /// <summary>Evaluate the gates (<see cref="Jobs.CheckGatesJob"/>).</summary>
    GateCheck,
}
