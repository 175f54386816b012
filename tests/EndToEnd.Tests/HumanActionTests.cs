using System.Net;
using EndToEnd.Tests.Support;
using Orchestrator.Rollouts;

namespace EndToEnd.Tests;

/// <summary>Issue 5, item 8: what people do to a running rollout — pause, abort — and a second plan for a busy endpoint.</summary>
public sealed class HumanActionTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly Dictionary<string, int> CanarySplit = new() { ["blue"] = 90, ["green"] = 10 };

    [Fact]
    public async Task Pause_DuringCanary_HoldsTheSplitPastTheBakeWhileAGateFailureStillRollsBack()
    {
        var plan = new TestPlan("e2e-pause") { CanaryBake = TimeSpan.FromSeconds(8) };
        await using var traffic = service.StartTraffic(plan.Endpoint);
        var rollout = await service.ReleaseManager.SubmitAsync(plan.ToYaml());
        var watch = new RolloutWatch(service, rollout.Id);
        var canary = await watch.UntilBakingAsync(RolloutPhase.Canary, TestPlan.CanaryStep);

        var paused = await service.OnCall.ActAsync(rollout.Id, "pause", "holding for a look at the dashboards");
        var bakeEnd = canary.StepStartedAt + plan.CanaryBake;

        // Long after the bake would have ended, gates still judge the held split, and nothing moves.
        var held = await watch.UntilAsync(
            r => r.LastGateRound is { } round && round.StepIndex == TestPlan.CanaryStep && round.At > bakeEnd + TimeSpan.FromSeconds(3),
            "gates checked the paused canary 3 s past the end of its bake",
            meanwhile: Held);
        await service.VerifyAsync(rollout.Id, () => Assert.Null(Held(held)));

        await service.Admin.SetFaultsAsync(plan.Endpoint, "green", new { errorRate = 1.0 });
        var done = await watch.UntilEndedAsync(r => r.State is RolloutPhase.Paused or RolloutPhase.RollingBack or RolloutPhase.RolledBack ? null : $"left the pause for {r.State}");

        var audit = await service.Viewer.GetAuditAsync(rollout.Id);
        await service.VerifyAsync(rollout.Id, () =>
        {
            Assert.Equal(RolloutPhase.Paused, paused.State);
            Assert.Equal(RolloutPhase.Canary, paused.PausedFrom);
            Assert.Equal(RolloutPhase.RolledBack, done.State);
            Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, done.ActualTraffic.Traffic!.Live);
            Assert.Empty(done.ActualTraffic.Traffic.Mirror);

            var pause = Assert.Single(audit.Events, e => e.Action == "Pause");
            Assert.Equal((ServiceFixture.OnCallName, "on-call", "holding for a look at the dashboards"), (pause.Actor, pause.Role, pause.Reason));
            var failed = Assert.Single(audit.Events, e => e.Action == "GateFailed");
            Assert.Equal(RolloutPhase.Paused, failed.FromState);
            Assert.DoesNotContain(audit.Events, e => e.Action == "StartPromotion");
        });

        static string? Held(RolloutDto r) =>
            r.State != RolloutPhase.Paused ? $"the paused rollout moved to {r.State}"
            : r.StepIndex != TestPlan.CanaryStep ? $"the paused rollout advanced to step {r.StepIndex}"
            : r.ActualTraffic.Traffic is { } t && !(t.Live.Count == 2 && t.LiveOf("blue") == 90 && t.LiveOf("green") == 10) ? $"the held split changed: {t}"
            : null;
    }

    [Fact]
    public async Task Abort_DuringCanary_RollsBackWithTheActorRoleAndReasonInTheAuditLog()
    {
        const string Reason = "p99 alert on the green pods";
        var plan = new TestPlan("e2e-abort") { CanaryBake = TimeSpan.FromSeconds(60) };
        await using var traffic = service.StartTraffic(plan.Endpoint);
        var rollout = await service.ReleaseManager.SubmitAsync(plan.ToYaml());
        var watch = new RolloutWatch(service, rollout.Id);
        var canary = await watch.UntilBakingAsync(RolloutPhase.Canary, TestPlan.CanaryStep);

        using var byViewer = await service.Viewer.TryActAsync(rollout.Id, "abort", Reason);
        var forbidden = await OrchestratorApi.ReadProblemAsync(byViewer, HttpStatusCode.Forbidden);
        var aborted = await service.OnCall.ActAsync(rollout.Id, "abort", Reason);
        var done = await watch.UntilEndedAsync();

        var audit = await service.Viewer.GetAuditAsync(rollout.Id);
        await service.VerifyAsync(rollout.Id, () =>
        {
            Assert.Equal(CanarySplit, canary.ActualTraffic.Traffic!.Live);
            Assert.Contains("on-call", forbidden.Detail, StringComparison.Ordinal);
            Assert.Equal(RolloutPhase.RollingBack, aborted.State);
            Assert.Equal(RolloutPhase.RolledBack, done.State);
            Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, done.ActualTraffic.Traffic!.Live);
            Assert.Empty(done.ActualTraffic.Traffic.Mirror);

            var abort = Assert.Single(audit.Events, e => e.Action == "Abort");
            Assert.Equal(ServiceFixture.OnCallName, abort.Actor);
            Assert.Equal("on-call", abort.Role);
            Assert.Equal("Api", abort.Source);
            Assert.Equal(Reason, abort.Reason);
            Assert.Equal((RolloutPhase.Canary, RolloutPhase.RollingBack), (abort.FromState, abort.ToState));
            Assert.Equal("RollbackCompleted", audit.Events[^1].Action);
            Assert.DoesNotContain(audit.Events, e => e.Actor == ServiceFixture.ViewerName);
        });
    }

    [Fact]
    public async Task Submit_SecondPlanForABusyEndpoint_Answers409NamingTheActiveRollout()
    {
        var plan = new TestPlan("e2e-busy") { MirrorBake = TimeSpan.FromSeconds(60) };
        var first = await service.ReleaseManager.SubmitAsync(plan.ToYaml());
        var watch = new RolloutWatch(service, first.Id);

        using var second = await service.ReleaseManager.TrySubmitAsync(plan.ToYaml());
        var busy = await OrchestratorApi.ReadProblemAsync(second, HttpStatusCode.Conflict);

        // Once the first is over, the endpoint takes a new plan.
        await service.OnCall.ActAsync(first.Id, "abort", "make room for the next plan");
        var firstDone = await watch.UntilEndedAsync();
        var third = await service.ReleaseManager.SubmitAsync(plan.ToYaml());
        await service.OnCall.ActAsync(third.Id, "abort", "test over");
        await new RolloutWatch(service, third.Id).UntilEndedAsync();

        await service.VerifyAsync(first.Id, () =>
        {
            Assert.Equal(first.Id, busy.ActiveRolloutId);
            Assert.Equal("local/e2e-busy", busy.EndpointKey);
            Assert.Contains(first.Id.ToString(), busy.Detail, StringComparison.Ordinal);
            Assert.Equal(RolloutPhase.RolledBack, firstDone.State);
            Assert.NotEqual(first.Id, third.Id);
        });
    }

    [Fact]
    public async Task Submit_QueuePlanForABusyEndpoint_Answers202AndStartsWhenTheFirstEnds()
    {
        var plan = new TestPlan("e2e-queue") { MirrorBake = TimeSpan.FromSeconds(60) };
        var first = await service.ReleaseManager.SubmitAsync(plan.ToYaml());

        using var submitted = await service.ReleaseManager.TrySubmitAsync(plan.ToYaml() + "\nonBusyEndpoint: queue\n");
        var queued = System.Text.Json.JsonSerializer.Deserialize<RolloutDto>(await submitted.Content.ReadAsStringAsync(), WireJson.Options);

        // The first ends by an abort; the queued one then starts on its own and is carried out by the worker.
        await service.OnCall.ActAsync(first.Id, "abort", "make room for the queued plan");
        var firstDone = await new RolloutWatch(service, first.Id).UntilEndedAsync();
        var secondWatch = new RolloutWatch(service, queued!.Id);
        var shadowing = await secondWatch.UntilStateAsync(RolloutPhase.Shadowing);
        await service.OnCall.ActAsync(queued.Id, "abort", "test over");
        await secondWatch.UntilEndedAsync();
        var audit = await service.Viewer.GetAuditAsync(queued.Id);

        await service.VerifyAsync(queued.Id, () =>
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            Assert.Equal(RolloutPhase.Queued, queued.State);
            Assert.Equal(RolloutPhase.RolledBack, firstDone.State);
            Assert.Equal(RolloutPhase.Shadowing, shadowing.State);
            Assert.Contains(audit.Events, e => e.Action == "Dequeue" && e.Actor == "scheduler" && e.ToState == RolloutPhase.Pending);
        });
    }
}
