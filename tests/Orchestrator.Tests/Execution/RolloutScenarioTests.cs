using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.AbortRollout;
using Orchestrator.Features.Rollouts.ApproveStep;
using Orchestrator.Features.Rollouts.PauseRollout;
using Orchestrator.Features.Rollouts.PromoteRollout;
using Orchestrator.Features.Rollouts.ResumeRollout;
using Orchestrator.Features.Rollouts.RetryRollout;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets;
using Policies.Gates;
using Tests.Common;

namespace Orchestrator.Execution.Tests;

/// <summary>Rollouts narrated tick by tick on a hand-driven clock, over fake endpoints and scripted metrics.</summary>
public sealed class RolloutScenarioTests : IAsyncLifetime
{
    private static readonly TimeSpan Bake = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Interval = PlanBuilder.DefaultPolicy.Interval;
    private static readonly Actor OnCall = new("carol", ActorRole.OnCall, CommandSource.Api);
    private static readonly Actor Releaser = new("rita", ActorRole.ReleaseManager, CommandSource.Cli);
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private FakeEndpointTarget Endpoint => _host.Endpoints.Endpoint("ep");

    [Fact]
    public async Task HealthyRollout_FromNothing_WalksTheDefaultPathAndDeletesBlue()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());

        // Tick 1..n: the endpoint is created with blue at 100%, green deployed at 0%, smoke-tested, then shadowing starts.
        Assert.Equal(RolloutPhase.Shadowing, await _host.TickUntilWaitingAsync(id));
        Assert.Equal(TrafficSplit.Create([new("blue", 100)], [new("green", 10)]), Endpoint.Traffic);

        // The bake runs with passing gates; at its end the rollout moves to 10% live.
        await BakeWithGateChecksAsync(id);
        Assert.Equal(RolloutPhase.Canary, await _host.TickUntilWaitingAsync(id));
        Assert.Equal(TrafficSplit.Create([new("blue", 90), new("green", 10)]), Endpoint.Traffic);

        await BakeWithGateChecksAsync(id);
        Assert.Equal(RolloutPhase.Promoted, await _host.TickUntilWaitingAsync(id));
        Assert.Equal(TrafficSplit.AllTo("green"), Endpoint.Traffic);
        Assert.Contains("blue", Endpoint.DeploymentNames());

        await BakeWithGateChecksAsync(id);
        Assert.Equal(RolloutPhase.Succeeded, await _host.TickUntilWaitingAsync(id));
        Assert.Equal(["green"], Endpoint.DeploymentNames());

        // As in the walkthrough, the mirror is reset in an update of its own before green takes live traffic.
        Assert.Equal(
            [TrafficSplit.AllTo("blue"), TrafficSplit.Create([new("blue", 100)], [new("green", 10)]), TrafficSplit.AllTo("blue"), TrafficSplit.Create([new("blue", 90), new("green", 10)]), TrafficSplit.AllTo("green")],
            Endpoint.TrafficHistory);
        Assert.Null(await _host.TickAsync(id));
    }

    [Fact]
    public async Task BakeTimeUp_WithoutAnyGateRound_HoldsAndNeverPromotes()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);

        _host.Clock.Advance(Bake + TimeSpan.FromSeconds(1));
        var next = await _host.TickAsync(id);

        Assert.Equal(RolloutPhase.Shadowing, (await _host.RolloutAsync(id)).Phase);
        Assert.Equal(_host.Clock.GetUtcNow() + Interval, next);
    }

    [Fact]
    public async Task GreenFailsInCanary_RollsBackAtOnceToBlue100MirrorEmpty()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);
        await BakeWithGateChecksAsync(id);
        Assert.Equal(RolloutPhase.Canary, await _host.TickUntilWaitingAsync(id));

        // The fault starts: green p99 900 ms and 20% 5xx. Two failed rounds (the policy's limit) roll back, inside the gate job.
        _host.Metrics.Degrade("green", latencyMs: 900, errorPercent: 20);
        _host.Clock.Advance(Interval);
        await _host.CheckGatesAsync(id);
        Assert.Equal(RolloutPhase.Canary, (await _host.RolloutAsync(id)).Phase);
        _host.Clock.Advance(Interval);
        await _host.CheckGatesAsync(id);

        var rollout = await _host.RolloutAsync(id);
        Assert.Equal(RolloutPhase.RolledBack, rollout.Phase);
        Assert.Equal(TrafficSplit.AllTo("blue"), Endpoint.Traffic);
        Assert.Contains("p99", rollout.RollbackReason, StringComparison.Ordinal);
        var audit = await _host.Store.GetAuditAsync(id);
        Assert.Contains(audit, a => a.Action == "GateFailed" && a.Actor == Actor.Scheduler && a.ToState == RolloutPhase.RollingBack);
        Assert.Equal("RollbackCompleted", audit[^1].Action);
    }

    [Fact]
    public async Task GreenFailsDuringPostPromotionBake_RollsBackToBlue()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);
        await BakeWithGateChecksAsync(id);
        await _host.TickUntilWaitingAsync(id);
        await BakeWithGateChecksAsync(id);
        Assert.Equal(RolloutPhase.Promoted, await _host.TickUntilWaitingAsync(id));

        _host.Metrics.Degrade("green", latencyMs: 2000, errorPercent: 0);
        for (var i = 0; i < 2; i++)
        {
            _host.Clock.Advance(Interval);
            await _host.CheckGatesAsync(id);
        }

        Assert.Equal(RolloutPhase.RolledBack, (await _host.RolloutAsync(id)).Phase);
        Assert.Equal(TrafficSplit.AllTo("blue"), Endpoint.Traffic);
        Assert.Contains("blue", Endpoint.DeploymentNames());
    }

    [Fact]
    public async Task NoMetricData_HoldsThenRollsBackAfterMaxBlind()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);
        _host.Metrics.Everything = MetricReading.NoData;

        // Blind, but within maxBlind (2 min): the bake ends at 1 min and the rollout holds in Shadowing.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(110); elapsed += Interval)
        {
            _host.Clock.Advance(Interval);
            await _host.CheckGatesAsync(id);
            await _host.TickAsync(id);
            Assert.Equal(RolloutPhase.Shadowing, (await _host.RolloutAsync(id)).Phase);
        }

        // Past maxBlind: roll back.
        _host.Clock.Advance(TimeSpan.FromSeconds(20));
        await _host.CheckGatesAsync(id);

        var rollout = await _host.RolloutAsync(id);
        Assert.Equal(RolloutPhase.RolledBack, rollout.Phase);
        Assert.Equal(TrafficSplit.AllTo("blue"), Endpoint.Traffic);
    }

    [Fact]
    public async Task Pause_HoldsTheSplit_GatesStillRollBack()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);
        await BakeWithGateChecksAsync(id);
        await _host.TickUntilWaitingAsync(id);
        await _host.Sender.SendAsync(new PauseRolloutCommand(id, "looking at dashboards", OnCall));

        // Paused past the bake: no advance, the split holds.
        await BakeWithGateChecksAsync(id);
        await _host.TickAsync(id);
        Assert.Equal(RolloutPhase.Paused, (await _host.RolloutAsync(id)).Phase);
        Assert.Equal(TrafficSplit.Create([new("blue", 90), new("green", 10)]), Endpoint.Traffic);

        // A failure while paused still rolls back.
        _host.Metrics.Degrade("green", latencyMs: 900, errorPercent: 50);
        for (var i = 0; i < 2; i++)
        {
            _host.Clock.Advance(Interval);
            await _host.CheckGatesAsync(id);
        }

        Assert.Equal(RolloutPhase.RolledBack, (await _host.RolloutAsync(id)).Phase);
        Assert.Equal(TrafficSplit.AllTo("blue"), Endpoint.Traffic);
    }

    [Fact]
    public async Task PauseThenResume_ContinuesFromThePausedPhase()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);
        await _host.Sender.SendAsync(new PauseRolloutCommand(id, null, OnCall));
        await BakeWithGateChecksAsync(id);

        await _host.Sender.SendAsync(new ResumeRolloutCommand(id, null, OnCall));

        Assert.Equal(RolloutPhase.Canary, await _host.TickUntilWaitingAsync(id));
    }

    [Fact]
    public async Task Abort_RollsBackWithActorAndReasonInTheAudit()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);

        await _host.Sender.SendAsync(new AbortRolloutCommand(id, "customer complaints", OnCall));
        await _host.TickUntilWaitingAsync(id);

        var rollout = await _host.RolloutAsync(id);
        Assert.Equal(RolloutPhase.RolledBack, rollout.Phase);
        Assert.Equal(TrafficSplit.AllTo("blue"), Endpoint.Traffic);
        var abort = Assert.Single(await _host.Store.GetAuditAsync(id), a => a.Action == "Abort");
        Assert.Equal("carol", abort.Actor.Name);
        Assert.Equal(ActorRole.OnCall, abort.Actor.Role);
        Assert.Equal("customer complaints", abort.Reason);
    }

    [Fact]
    public async Task ProvisioningFailure_RollsBackWithThePlatformsMessage()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).DeleteCandidateOnRollback().Build());
        Endpoint.FailPut["green"] = "ResourceNotReady: the image could not be pulled";

        Assert.Equal(RolloutPhase.RolledBack, await _host.TickUntilWaitingAsync(id));

        var rollout = await _host.RolloutAsync(id);
        Assert.Contains("image could not be pulled", rollout.RollbackReason, StringComparison.Ordinal);
        Assert.Equal(TrafficSplit.AllTo("blue"), Endpoint.Traffic);
        Assert.Equal(["blue"], Endpoint.DeploymentNames());
    }

    [Fact]
    public async Task SmokeTestWrongAnswer_RollsBackBeforeAnyTrafficMoves()
    {
        var plan = new PlanBuilder()
            .Step(new RolloutStep.Deploy())
            .Step(new RolloutStep.SmokeTest(PlanBuilder.SampleRequest, null, 200, "[0.5, 0.5]"))
            .Step(new RolloutStep.Traffic(100, Bake))
            .Build();
        var id = await _host.SeedAsync(plan);
        Endpoint.Answers["green"] = new InvocationResult(424, "model error", "green");

        Assert.Equal(RolloutPhase.RolledBack, await _host.TickUntilWaitingAsync(id));

        Assert.Contains("status 424", (await _host.RolloutAsync(id)).RollbackReason, StringComparison.Ordinal);
        Assert.Equal([TrafficSplit.AllTo("blue")], Endpoint.TrafficHistory);
    }

    [Fact]
    public async Task ApprovalStep_WaitsForApproveThenGoesOn()
    {
        var plan = new PlanBuilder()
            .Step(new RolloutStep.Deploy())
            .Step(new RolloutStep.Traffic(50, TimeSpan.Zero))
            .Step(new RolloutStep.Approval("check the business dashboard"))
            .Step(new RolloutStep.Traffic(100, TimeSpan.Zero))
            .Build();
        var id = await _host.SeedAsync(plan);
        await _host.TickUntilWaitingAsync(id);

        // Even a step without a bake needs one passing round on its own traffic, an interval in.
        _host.Clock.Advance(Interval);
        await _host.CheckGatesAsync(id);
        Assert.Equal(RolloutPhase.AwaitingApproval, await _host.TickUntilWaitingAsync(id));

        _host.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(RolloutPhase.AwaitingApproval, await _host.TickUntilWaitingAsync(id));
        Assert.Equal(TrafficSplit.Create([new("blue", 50), new("green", 50)]), Endpoint.Traffic);

        await _host.Sender.SendAsync(new ApproveStepCommand(id, "numbers look fine", Releaser));
        Assert.Equal(RolloutPhase.Promoted, await _host.TickUntilWaitingAsync(id));
    }

    [Fact]
    public async Task Promote_EndsTheBakeEarlyOnceGatesPass()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(TimeSpan.FromHours(1)).Build());
        await _host.TickUntilWaitingAsync(id);
        _host.Clock.Advance(Interval);
        await _host.CheckGatesAsync(id);

        await _host.Sender.SendAsync(new PromoteRolloutCommand(id, "urgent fix", Releaser));

        Assert.Equal(RolloutPhase.Canary, await _host.TickUntilWaitingAsync(id));
    }

    [Fact]
    public async Task TransientTargetErrors_AreRetriedWithoutLosingTheStep()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        Endpoint.TransientFailures = 1;

        var next = await _host.TickAsync(id);

        Assert.Equal(RolloutPhase.Pending, (await _host.RolloutAsync(id)).Phase);
        Assert.True(next > _host.Clock.GetUtcNow());
        _host.Clock.AdvanceTo(next!.Value);
        Assert.Equal(RolloutPhase.Shadowing, await _host.TickUntilWaitingAsync(id));
    }

    [Fact]
    public async Task Retry_AfterRollback_StartsOverFromTheBeginning()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);
        await _host.Sender.SendAsync(new AbortRolloutCommand(id, "wrong model", OnCall));
        await _host.TickUntilWaitingAsync(id);

        var retried = await _host.Sender.SendAsync(new RetryRolloutCommand(id, null, Releaser));

        Assert.Equal(RolloutPhase.Pending, retried.Phase);
        Assert.Equal(1, retried.Attempt);
        Assert.Equal(RolloutPhase.Shadowing, await _host.TickUntilWaitingAsync(id));
    }

    [Fact]
    public async Task ExistingEndpointWithoutBaseline_AndNoSpec_RollsBackWithAClearReason()
    {
        var id = await _host.SeedAsync(new PlanBuilder().ExistingBaseline().DefaultPath(Bake).Build());

        Assert.Equal(RolloutPhase.RolledBack, await _host.TickUntilWaitingAsync(id));
        Assert.Contains("does not exist", (await _host.RolloutAsync(id)).RollbackReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAgainAfterGreenTookOver_BaselineGone_LeavesGreenServing()
    {
        // The same plan run again after it succeeded: green serves 100% and blue was deleted.
        Endpoint.Seed(TrafficSplit.AllTo("green"), "green");
        var id = await _host.SeedAsync(new PlanBuilder().ExistingBaseline().DefaultPath(Bake).Build());

        Assert.Equal(RolloutPhase.RolledBack, await _host.TickUntilWaitingAsync(id));
        Assert.Contains("blue does not exist", (await _host.RolloutAsync(id)).RollbackReason, StringComparison.Ordinal);
        Assert.Equal(TrafficSplit.AllTo("green"), Endpoint.Traffic);
        Assert.Empty(Endpoint.TrafficHistory);
    }

    /// <summary>Lets one bake pass with a gate check every interval.</summary>
    private async Task BakeWithGateChecksAsync(Guid id)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= Bake; elapsed += Interval)
        {
            _host.Clock.Advance(Interval);
            await _host.CheckGatesAsync(id);
        }
    }
}
