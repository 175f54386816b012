namespace Policies.Gates;

/// <summary>Judges one gate from the candidate's (and, for relative gates, the baseline's) reading. Pure.</summary>
public static class GateEvaluator
{
    /// <summary>Pass, Fail, Inconclusive (too few samples) or SourceUnavailable, with the evidence.</summary>
    /// <param name="gate">The gate.</param>
    /// <param name="candidate">The candidate's reading over the window.</param>
    /// <param name="baseline">The baseline's reading over the same window; required for relative gates.</param>
    /// <param name="windowStart">Start of the window.</param>
    /// <param name="windowEnd">End of the window (now).</param>
    public static GateEvaluation Evaluate(Gate gate, MetricReading candidate, MetricReading? baseline, DateTimeOffset windowStart, DateTimeOffset windowEnd) =>
        throw new NotImplementedException("issue 2: gate evaluation");
}
