using System.Diagnostics;
using Orchestrator.Plans;

namespace Orchestrator.Endpoints;

/// <summary>Desired state is computed, not remembered: pure functions of the plan and the step.</summary>
public static class DesiredState
{
    /// <summary>The traffic and mirror a step asks for (steps without traffic hold the previous step's split).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepIndex"/> is not an index of the plan's steps.</exception>
    public static TrafficSplit DesiredEndpointState(RolloutPlan plan, int stepIndex)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(stepIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stepIndex, plan.Steps.Count);

        var split = Initial(plan.Baseline.Name);
        for (var i = 0; i <= stepIndex; i++)
        {
            split = Next(split, plan.Steps[i], plan.Baseline.Name, plan.Candidate.Name);
        }

        return split;
    }

    /// <summary>The split a rollback restores: baseline 100%, mirror 0.</summary>
    public static TrafficSplit RollbackState(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return TrafficSplit.AllTo(plan.Baseline.Name);
    }

    /// <summary>The split before the first step: the baseline serves everything.</summary>
    internal static TrafficSplit Initial(string baseline) => TrafficSplit.AllTo(baseline);

    /// <summary>The split a step asks for, given the split before it. Plan validation walks the same function.</summary>
    internal static TrafficSplit Next(TrafficSplit current, RolloutStep step, string baseline, string candidate) => step switch
    {
        RolloutStep.Deploy or RolloutStep.SmokeTest or RolloutStep.Scale or RolloutStep.Approval => current,

        // Shadowing: live stays on the baseline; a copy of the share goes to the candidate.
        RolloutStep.Mirror mirror => TrafficSplit.Create([new(baseline, 100)], [new(candidate, mirror.Percent)]),

        // Live traffic to the candidate; leaving shadow resets the mirror. At 100 the baseline is kept at 0%.
        RolloutStep.Traffic traffic => TrafficSplit.Create([new(baseline, 100 - traffic.Percent), new(candidate, traffic.Percent)]),
        RolloutStep.DeleteBaseline => TrafficSplit.AllTo(candidate),
        _ => throw new UnreachableException($"step kind {step.GetType().Name} has no desired state"),
    };
}
