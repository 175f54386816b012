using System.Net;
using EndToEnd.Tests.Support;
using Orchestrator.Rollouts;

namespace EndToEnd.Tests;

/// <summary>
/// Issue 5, item 8: green starts failing (every request a 500, injected through the API) in the middle of a bake,
/// and the gates roll the endpoint back to blue 100%, mirror 0 — in shadow, at 10% live, and at 100% during the
/// post-promotion bake, where blue still exists at 0% and comes back.
/// </summary>
public sealed class FaultyCandidateTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan LongBake = TimeSpan.FromSeconds(30);

    [Fact]
    public Task GateFailure_FaultStartsInShadow_RollsBackToBlue() =>
        FaultRollsBackAsync(new TestPlan("e2e-fault-shadow") { MirrorBake = LongBake }, RolloutPhase.Shadowing, TestPlan.MirrorStep);

    [Fact]
    public Task GateFailure_FaultStartsAtTenPercentLive_RollsBackToBlue() =>
        FaultRollsBackAsync(new TestPlan("e2e-fault-canary") { CanaryBake = LongBake }, RolloutPhase.Canary, TestPlan.CanaryStep);

    [Fact]
    public Task GateFailure_FaultStartsInPostPromotionBake_BlueComesBackFromZero() =>
        FaultRollsBackAsync(new TestPlan("e2e-fault-promoted") { PromotionBake = LongBake }, RolloutPhase.Promoted, TestPlan.PromotionStep);

    private async Task FaultRollsBackAsync(TestPlan plan, RolloutPhase phase, int step)
    {
        await using var traffic = service.StartTraffic(plan.Endpoint);
        var rollout = await service.ReleaseManager.SubmitAsync(plan.ToYaml());
        var watch = new RolloutWatch(service, rollout.Id);
        await watch.UntilBakingAsync(phase, step);

        var faulty = await service.Admin.SetFaultsAsync(plan.Endpoint, "green", new { errorRate = 1.0 });
        var done = await watch.UntilEndedAsync(r => r.StepIndex > step ? $"advanced to step {r.StepIndex} with a failing green" : null);

        var local = await service.Admin.GetLocalEndpointAsync(plan.Endpoint);
        var audit = await service.Viewer.GetAuditAsync(rollout.Id);
        var (status, answeredBy) = await service.ScoreOnceAsync(plan.Endpoint);
        await service.VerifyAsync(rollout.Id, () =>
        {
            Assert.Equal(1.0, faulty.Faults?.ErrorRate);
            Assert.Equal(RolloutPhase.RolledBack, done.State);
            Assert.Equal(step, done.StepIndex);
            Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, done.ActualTraffic.Traffic!.Live);
            Assert.Empty(done.ActualTraffic.Traffic.Mirror);

            // The gates decided it, during the step the fault started in, and named the failing gate.
            var failed = Assert.Single(audit.Events, e => e.Action == "GateFailed");
            Assert.Equal(phase, failed.FromState);
            Assert.Equal("system", failed.Role);
            Assert.Contains("'errors'", failed.Reason, StringComparison.Ordinal);
            Assert.Equal("RollbackCompleted", audit.Events[^1].Action);
            Assert.Contains("errors", done.RollbackReason, StringComparison.Ordinal);

            // Blue serves again (green is kept at 0% for a look: deleteCandidate is false).
            Assert.NotNull(local);
            Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, local.Traffic.Live);
            Assert.Empty(local.Traffic.Mirror);
            Assert.Equal(1, local.Deployments.Single(d => d.Name == "blue").ReadyInstances);
            Assert.Contains(local.Deployments, d => d.Name == "green");
            Assert.Equal((HttpStatusCode.OK, "blue"), (status, answeredBy));
        });
    }
}
