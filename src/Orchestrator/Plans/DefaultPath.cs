namespace Orchestrator.Plans;

/// <summary>
/// The steps of a plan that lists none: deploy green at 0% → smoke-test it through the deployment header →
/// mirror 10% → live 10% → live 100% with a post-promotion bake (blue kept at 0%) → delete blue.
/// </summary>
internal static class DefaultPath
{
    public const string Path = "steps";

    public static List<ParsedStep> Steps(PlanBakes bakes) =>
    [
        new(new RolloutStep.Deploy(), Path),
        new(new RolloutStep.SmokeTest(PlanDefaults.SampleRequest, null, PlanDefaults.SmokeTestStatus, null), Path),
        new(new RolloutStep.Mirror(PlanDefaults.MirrorPercent, bakes.Mirror), Path),
        new(new RolloutStep.Traffic(PlanDefaults.CanaryPercent, bakes.Traffic), Path),
        new(new RolloutStep.Traffic(100, bakes.Promotion), Path),
        new(new RolloutStep.DeleteBaseline(), Path),
    ];
}
