using EndToEnd.Tests.Support;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace EndToEnd.Tests;

/// <summary>Issue 5, item 8: a healthy green rolled out from nothing through the real service reaches Succeeded.</summary>
public sealed class HealthyRolloutTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Submit_HealthyGreenFromNothing_SucceedsWithBlueDeletedAndGreenServingAll()
    {
        var plan = new TestPlan("e2e-healthy");
        await using var traffic = service.StartTraffic(plan.Endpoint);
        var rollout = await service.ReleaseManager.SubmitAsync(plan.ToYaml());
        var watch = new RolloutWatch(service, rollout.Id);

        var done = await watch.UntilEndedAsync();

        var local = await service.Admin.GetLocalEndpointAsync(plan.Endpoint);
        var audit = await service.Viewer.GetAuditAsync(rollout.Id);
        var gates = await service.Viewer.GetGatesAsync(rollout.Id);
        await service.VerifyAsync(rollout.Id, () =>
        {
            Assert.Equal(RolloutPhase.Succeeded, done.State);
            Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, done.ActualTraffic.Traffic!.Live);
            Assert.Empty(done.ActualTraffic.Traffic.Mirror);
            Assert.Equal(["green"], done.ActualTraffic.Deployments!.Select(d => d.Name));

            // The endpoint itself: blue's process is gone, green's serves everything.
            Assert.NotNull(local);
            var green = Assert.Single(local.Deployments);
            Assert.Equal("green", green.Name);
            Assert.Equal(1, green.ReadyInstances);
            Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, local.Traffic.Live);

            // Each step is in the audit log, once, in plan order, by the submitter and then the scheduler.
            Assert.Equal(AuditActions.HealthyPath, audit.Events.Select(e => e.Action));
            Assert.Equal(ServiceFixture.ReleaseManagerName, audit.Events[0].Actor);
            Assert.All(audit.Events.Skip(1), e => Assert.Equal("system", e.Role));
            var deletion = audit.Events.Single(e => e.Action == "StartBaselineDeletion");
            Assert.Equal(RolloutPhase.Promoted, deletion.FromState);
            Assert.Contains("passed", deletion.Reason, StringComparison.Ordinal);

            // Every bake ended on a passing gate round, on evidence.
            foreach (var step in new[] { TestPlan.MirrorStep, TestPlan.CanaryStep, TestPlan.PromotionStep })
            {
                var last = gates.Rounds.LastOrDefault(r => r.StepIndex == step);
                Assert.True(last is { Verdict: GateVerdict.Pass }, $"the last gate round of step {step} was {last?.ToString() ?? "missing"}");
            }

            // No disruption: every client request was answered 200 along the way.
            Assert.True(traffic.Count("200") > 50, $"too little traffic reached the endpoint: {traffic}");
            Assert.Equal(["200"], traffic.Outcomes.Keys);
        });
    }
}
