namespace Policies.Gates;

/// <summary>The outcome of one gate evaluation. Three-valued plus one: no data is never a pass.</summary>
public enum GateVerdict
{
    /// <summary>The metric is within the threshold, over enough samples.</summary>
    Pass,

    /// <summary>The metric broke the threshold, over enough samples.</summary>
    Fail,

    /// <summary>Fewer samples than the gate's minimum: never a pass.</summary>
    Inconclusive,

    /// <summary>The metric source failed to answer.</summary>
    SourceUnavailable,
}
