namespace Policies.Gates;

/// <summary>Turns a history of gate-check rounds into one decision: continue, hold, or roll back. Pure.</summary>
public static class GateDecider
{
    /// <summary>Decides from the rounds of the current step, oldest first.</summary>
    /// <param name="policy">The limits.</param>
    /// <param name="rounds">Each round holds the evaluations of every gate at one check.</param>
    /// <param name="stepStartedAt">When the current step (its bake) started; blind time counts from here at most.</param>
    /// <param name="now">The decision time.</param>
    public static GateDecision Decide(GatePolicy policy, IReadOnlyList<GateRound> rounds, DateTimeOffset stepStartedAt, DateTimeOffset now) =>
        throw new NotImplementedException("issue 2: gate decision");
}

/// <summary>The evaluations of every gate at one check.</summary>
public sealed record GateRound(DateTimeOffset At, IReadOnlyList<GateEvaluation> Evaluations);
