using System.Diagnostics;
using Policies.Documents;

namespace Orchestrator.Plans;

/// <summary>One line per step, for people: the CLI's <c>validate</c>, audit entries, the dashboard.</summary>
public static class StepDescription
{
    /// <summary>Describes what <paramref name="step"/> does in <paramref name="plan"/>, e.g. <c>mirror 10% to green, bake 10m</c>.</summary>
    public static string Describe(RolloutStep step, RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(plan);
        var baseline = plan.Baseline.Name;
        var candidate = plan.Candidate.Name;
        return step switch
        {
            RolloutStep.Deploy => $"deploy {candidate} at 0% live ({Instances(plan.Candidate.Spec.InstanceCount)})",
            RolloutStep.SmokeTest smoke => $"smokeTest {candidate} alone with {smoke.RequestFile ?? "the sample request"}, expect {smoke.ExpectedStatus}"
                + (smoke.ExpectedOutput is null ? string.Empty : $" and {smoke.ExpectedOutput}"),
            RolloutStep.Scale scale => $"scale {scale.Deployment} to {Instances(scale.InstanceCount)}",
            RolloutStep.Mirror mirror => $"mirror {mirror.Percent}% to {candidate}, bake {DurationText.Format(mirror.Bake)}",
            RolloutStep.Traffic { Percent: >= 100 } traffic => $"traffic 100% to {candidate} ({baseline} kept at 0%), bake {DurationText.Format(traffic.Bake)}",
            RolloutStep.Traffic traffic => $"traffic {traffic.Percent}% to {candidate}, bake {DurationText.Format(traffic.Bake)}",
            RolloutStep.Approval approval => approval.Message is null ? "approval: wait for a person to approve" : $"approval: {approval.Message}",
            RolloutStep.DeleteBaseline => $"deleteBaseline {baseline}",
            _ => throw new UnreachableException($"step kind {step.GetType().Name} has no description"),
        };
    }

    private static string Instances(int count) => count == 1 ? "1 instance" : $"{count} instances";
}
