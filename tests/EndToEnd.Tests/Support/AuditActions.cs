namespace EndToEnd.Tests.Support;

/// <summary>The audit actions of a rollout along the whole default path (the state table's trigger names).</summary>
internal static class AuditActions
{
    public static readonly string[] HealthyPath =
        ["Submit", "StartDeploy", "StartSmokeTest", "StartShadow", "StartCanary", "StartPromotion", "StartBaselineDeletion", "Complete"];
}
