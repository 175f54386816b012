namespace Orchestrator.Plans;

/// <summary>What a plan gets when it leaves something out (documented in docs/plan-format.md).</summary>
public static class PlanDefaults
{
    /// <summary>The smoke test's request when the plan names no request file (the walkthrough's sample request).</summary>
    public const string SampleRequest = """{"data": [[1,2,3,4,5,6,7,8,9,10],[10,9,8,7,6,5,4,3,2,1]]}""";

    /// <summary>The status a smoke test expects when the plan does not say.</summary>
    public const int SmokeTestStatus = 200;

    /// <summary>The gate policy when the plan names none.</summary>
    public const string PolicyName = "default";

    /// <summary>The mirror share of the default path.</summary>
    public const int MirrorPercent = 10;

    /// <summary>The live share of the default path's canary step.</summary>
    public const int CanaryPercent = 10;

    /// <summary>The bake of a mirror step that names none.</summary>
    public static TimeSpan MirrorBake { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The bake of a traffic step below 100% that names none.</summary>
    public static TimeSpan TrafficBake { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The post-promotion bake (traffic 100%, baseline kept at 0%) when the plan names none.</summary>
    public static TimeSpan PromotionBake { get; } = TimeSpan.FromMinutes(30);
}
