using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Tests.Common;

namespace Orchestrator.Execution.Tests;

/// <summary>
/// A rollout narrated for crash tests: its plan, and when green's model turns bad. The fault is a property of the
/// endpoint's history (which outlives a crash of the orchestrator), so a restarted host sees the same world.
/// </summary>
/// <param name="Name">For failure reports.</param>
/// <param name="Plan">The plan.</param>
/// <param name="GreenDegraded">True once green should measure slow and failing, judged from the endpoint.</param>
/// <param name="Expected">The final phase of the uncrashed run.</param>
public sealed record CrashScenario(string Name, RolloutPlan Plan, Func<FakeEndpointTarget, bool> GreenDegraded, RolloutPhase Expected)
{
    /// <summary>Every baking step's bake.</summary>
    public static readonly TimeSpan Bake = TimeSpan.FromSeconds(30);

    /// <summary>(a) The default path with healthy metrics: blue is deleted.</summary>
    public static CrashScenario Healthy { get; } = new(
        "healthy default path",
        new PlanBuilder().DefaultPath(Bake).Build(),
        _ => false,
        RolloutPhase.Succeeded);

    /// <summary>(b) Green fails as soon as it takes live traffic (Canary 10%): rollback, and green is deleted.</summary>
    public static CrashScenario FailsInCanary { get; } = new(
        "gates fail in Canary",
        new PlanBuilder().DefaultPath(Bake).DeleteCandidateOnRollback().Build(),
        endpoint => endpoint.TrafficHistory.Any(t => t.LiveOf("green") > 0),
        RolloutPhase.RolledBack);

    /// <summary>(c) Green fails once it holds 100% (the post-promotion bake): rollback to blue, which still exists.</summary>
    public static CrashScenario FailsAfterPromotion { get; } = new(
        "gates fail in the post-promotion bake",
        new PlanBuilder().DefaultPath(Bake).Build(),
        endpoint => endpoint.TrafficHistory.Any(t => t.LiveOf("green") == 100),
        RolloutPhase.RolledBack);

    /// <summary>The scenarios by name, for theories.</summary>
    public static CrashScenario Named(string name) => name switch
    {
        nameof(Healthy) => Healthy,
        nameof(FailsInCanary) => FailsInCanary,
        nameof(FailsAfterPromotion) => FailsAfterPromotion,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such crash scenario"),
    };
}
