using EndToEnd.Tests.Support;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace EndToEnd.Tests;

/// <summary>
/// Issue 5, item 8 (invariant 3): with no traffic the metric source has no data; the rollout holds in shadow past its
/// bake — missing data never counts as a pass — and rolls back once it has been blind for longer than maxBlind.
/// </summary>
public sealed class BlindGateTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task GateRounds_NoTrafficAtAll_HoldInShadowThenRollBackAfterMaxBlind()
    {
        var plan = new TestPlan("e2e-blind") { MirrorBake = TimeSpan.FromSeconds(3), MaxBlind = TimeSpan.FromSeconds(10) };
        var rollout = await service.ReleaseManager.SubmitAsync(plan.ToYaml());
        var watch = new RolloutWatch(service, rollout.Id);

        var done = await watch.UntilEndedAsync(r => r.StepIndex > TestPlan.MirrorStep ? $"advanced to step {r.StepIndex} without evidence" : null);

        var audit = await service.Viewer.GetAuditAsync(rollout.Id);
        var rounds = (await service.Viewer.GetGatesAsync(rollout.Id, TestPlan.MirrorStep)).Rounds;
        await service.VerifyAsync(rollout.Id, () =>
        {
            Assert.Equal(RolloutPhase.RolledBack, done.State);
            Assert.Equal(TestPlan.MirrorStep, done.StepIndex);
            Assert.DoesNotContain(RolloutPhase.Canary, watch.StatesSeen);
            Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, done.ActualTraffic.Traffic!.Live);
            Assert.Empty(done.ActualTraffic.Traffic.Mirror);

            // Every round lacked evidence; none passed.
            Assert.True(rounds.Count >= 3, $"only {rounds.Count} gate rounds ran in shadow");
            Assert.All(rounds, r => Assert.Equal(GateVerdict.Inconclusive, r.Verdict));

            // It held past the end of the bake, and the rollback came for blindness after maxBlind.
            var shadowStarted = audit.Events.Single(e => e.Action == "StartShadow").At;
            var failed = Assert.Single(audit.Events, e => e.Action == "GateFailed");
            Assert.Equal(RolloutPhase.Shadowing, failed.FromState);
            Assert.True(failed.At - shadowStarted >= plan.MaxBlind, $"rolled back {(failed.At - shadowStarted).TotalSeconds:0.0} s into shadow, before maxBlind {plan.MaxBlind}");
            Assert.Contains("blind", failed.Reason, StringComparison.OrdinalIgnoreCase);
        });
    }
}
