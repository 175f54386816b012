using Orchestrator.Plans;

namespace Orchestrator.Features.Rollouts.GetRollout;

/// <summary>One step of the plan, compactly.</summary>
/// <param name="Index">0-based.</param>
/// <param name="Kind"><c>deploy</c>, <c>smokeTest</c>, <c>scale</c>, <c>mirror</c>, <c>traffic</c>, <c>approval</c> or <c>deleteBaseline</c>.</param>
/// <param name="Percent">Mirror or traffic percent.</param>
/// <param name="Bake">The bake time, for steps that bake.</param>
/// <param name="Deployment">The deployment a scale step scales.</param>
/// <param name="InstanceCount">The instance count a scale step sets.</param>
public sealed record StepView(int Index, string Kind, int? Percent, TimeSpan? Bake, string? Deployment, int? InstanceCount)
{
    /// <summary>The view of a plan step.</summary>
    public static StepView From(int index, RolloutStep step) => step switch
    {
        RolloutStep.Mirror m => new(index, step.KindName, m.Percent, m.Bake, null, null),
        RolloutStep.Traffic t => new(index, step.KindName, t.Percent, t.Bake, null, null),
        RolloutStep.Scale s => new(index, step.KindName, null, null, s.Deployment, s.InstanceCount),
        _ => new(index, step.KindName, null, null, null, null),
    };
}
