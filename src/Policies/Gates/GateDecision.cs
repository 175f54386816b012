namespace Policies.Gates;

/// <summary>What a history of gate verdicts means for the rollout now.</summary>
/// <param name="Action">Continue, hold, or roll back.</param>
/// <param name="Reason">Why, in a sentence that goes to the audit log.</param>
/// <param name="Alert">True when a human should look: the rollout has held on missing evidence for the policy's inconclusive limit.</param>
public sealed record GateDecision(GateAction Action, string Reason, bool Alert = false);

/// <summary>The three decisions.</summary>
public enum GateAction
{
    /// <summary>The latest round passed: the bake may complete when its time is up.</summary>
    Continue,

    /// <summary>Not enough evidence: do not advance; keep watching.</summary>
    Hold,

    /// <summary>Roll back now.</summary>
    RollBack,
}
