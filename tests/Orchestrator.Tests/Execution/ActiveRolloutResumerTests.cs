using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.BeginRollback;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Tests.Common;

namespace Orchestrator.Execution.Tests;

/// <summary>After a restart, active rollouts are woken and carry on from their stored state (invariant 5).</summary>
public sealed class ActiveRolloutResumerTests : IAsyncLifetime
{
    private static readonly TimeSpan Bake = TimeSpan.FromMinutes(1);
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private FakeEndpointTarget Endpoint => _host.Endpoints.Endpoint("ep");

    [Fact]
    public async Task StartAsync_RollbackAppliedThenLostInACrash_TheResumedRolloutAppliesItAgain()
    {
        // Issue 5: the local host acknowledges the rollback split before it is on disk. The store already holds
        // RollingBack (stored before the update), so if the machine loses the split, the resumed rollout restores it.
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        Assert.Equal(RolloutPhase.Shadowing, await _host.TickUntilWaitingAsync(id));
        var shadowing = Endpoint.Traffic;
        await _host.Sender.SendAsync(new BeginRollbackCommand(id, RolloutTrigger.GateFailed, "p99 over the limit", Actor.Scheduler));
        await Endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));

        // The crash: the endpoint comes back with the split it had before the rollback.
        Endpoint.Seed(shadowing, "blue", "green");
        var woken = _host.WakeUps.Woken.Count;
        await new ActiveRolloutResumer(_host.Store, _host.WakeUps, _host.Sender, NullLogger<ActiveRolloutResumer>.Instance).StartAsync(CancellationToken.None);
        Assert.Equal([id], _host.WakeUps.Woken.Skip(woken));
        Assert.Null(await _host.TickAsync(id));

        Assert.Equal(RolloutPhase.RolledBack, (await _host.RolloutAsync(id)).Phase);
        Assert.NotEqual(TrafficSplit.AllTo("blue"), shadowing);
        Assert.Equal(TrafficSplit.AllTo("blue"), Endpoint.Traffic);
        Assert.Equal("p99 over the limit", (await _host.RolloutAsync(id)).RollbackReason);
    }

    [Fact]
    public async Task Start_AfterACrashBetweenAnEndAndTheNextStart_StartsTheFirstInLineOfIdleEndpointsOnly()
    {
        // ep: the active rollout ended, but the node died before it started the queue (the end was stored directly).
        var ended = await _host.SeedAsync(new PlanBuilder().Build());
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var first = await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: ended);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: first);
        var read = await _host.RolloutAsync(ended);
        await _host.Store.UpdateAsync(read with { Phase = RolloutPhase.Succeeded }, []);

        // busy: its active rollout still runs, so its queue waits.
        var busy = await _host.SeedAsync(new PlanBuilder().Endpoint("busy").Build());
        var waiting = await _host.SeedAsync(new PlanBuilder().Endpoint("busy").Build(), queuedBehind: busy);

        await new ActiveRolloutResumer(_host.Store, _host.WakeUps, _host.Sender, NullLogger<ActiveRolloutResumer>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal(RolloutPhase.Pending, (await _host.RolloutAsync(first)).Phase);
        Assert.Equal(RolloutPhase.Queued, (await _host.RolloutAsync(second)).Phase);
        Assert.Equal(RolloutPhase.Queued, (await _host.RolloutAsync(waiting)).Phase);
        Assert.Equal(new[] { busy, first }.Order(), _host.WakeUps.Woken.Order());
        var audit = (await _host.Store.GetAuditAsync(first))[^1];
        Assert.Equal(("Dequeue", Actor.Scheduler), (audit.Action, audit.Actor));
    }
}
