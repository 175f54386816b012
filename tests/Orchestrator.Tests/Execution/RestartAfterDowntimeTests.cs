using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.RestartBake;
using Orchestrator.Rollouts;
using Tests.Common;

namespace Orchestrator.Execution.Tests;

/// <summary>
/// A service that was down for longer than a bake and the max blind time carries on from its stored state (invariant
/// 5): found by <see cref="CrashAtEveryPointTests"/> with a restart after 5 minutes.
/// </summary>
public sealed class RestartAfterDowntimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Bake = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Interval = PlanBuilder.DefaultPolicy.Interval;
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private FakeEndpointTarget Endpoint => _host.Endpoints.Endpoint("ep");

    [Fact]
    public async Task Tick_BakeRanOutWhileTheServiceWasDown_WaitsForAFreshGateRoundInsteadOfRollingBackBlind()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);
        _host.Clock.Advance(Interval);
        await _host.CheckGatesAsync(id);

        // Down for 5 min (max blind 2 min): no gate check ran. The tick wakes first, as SchedulerWakeUp orders it; the
        // last round passed 5 min ago, so it neither promotes on it nor calls the service's own outage blindness.
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var next = await _host.TickAsync(id);

        Assert.Equal(RolloutPhase.Shadowing, (await _host.RolloutAsync(id)).Phase);
        Assert.Equal(_host.Clock.GetUtcNow() + Interval, next);

        // The gate check measures green now (healthy): the next tick moves on.
        await _host.CheckGatesAsync(id);
        Assert.Equal(RolloutPhase.Canary, await _host.TickUntilWaitingAsync(id));
    }

    [Fact]
    public async Task Tick_StepSplitAppliedLongAfterTheStepWasStored_RestartsTheBakeFromNow()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);
        for (var elapsed = TimeSpan.Zero; elapsed <= Bake; elapsed += Interval)
        {
            _host.Clock.Advance(Interval);
            await _host.CheckGatesAsync(id);
        }

        Assert.Equal(RolloutPhase.Canary, await _host.TickUntilWaitingAsync(id));

        // The endpoint lost the canary split (as after a crash between storing Canary and applying 10%), and the
        // service only puts it back 5 min later: green has not held 10% for a bake, whatever the stored step start says.
        await Endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        await _host.TickAsync(id);

        var rollout = await _host.RolloutAsync(id);
        Assert.Equal(TrafficSplit.Create([new("blue", 90), new("green", 10)]), Endpoint.Traffic);
        Assert.Equal(_host.Clock.GetUtcNow(), rollout.StepStartedAt);
        Assert.Contains(await _host.Store.GetAuditAsync(id), a => a.Action == "BakeRestarted" && a.Actor == Actor.Scheduler && a.ToState is null);

        // Passing rounds, but the bake counts from the re-applied split: no promotion before a whole bake.
        _host.Clock.Advance(Interval);
        await _host.CheckGatesAsync(id);
        Assert.Equal(RolloutPhase.Canary, await _host.TickUntilWaitingAsync(id));
    }

    [Fact]
    public async Task RestartBake_ForAStepTheRolloutLeft_ChangesNothing()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(id);
        var before = await _host.RolloutAsync(id);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));

        var after = await _host.Sender.SendAsync(new RestartBakeCommand(id, before.StepIndex - 1, null, Actor.Scheduler));

        Assert.Equal(before.StepStartedAt, after.StepStartedAt);
        Assert.Equal(before.Version, after.Version);
    }
}
