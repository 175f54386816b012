using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.AbortRollout;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets;
using Tests.Common;

namespace Orchestrator.Execution.Tests;

/// <summary>Plans queued behind a busy endpoint (onBusyEndpoint: queue), narrated tick by tick on a hand-driven clock.</summary>
public sealed class QueuedRolloutScenarioTests : IAsyncLifetime
{
    private static readonly TimeSpan Bake = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Interval = PlanBuilder.DefaultPolicy.Interval;
    private static readonly Actor OnCall = new("carol", ActorRole.OnCall, CommandSource.Api);
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private FakeEndpointTarget Endpoint => _host.Endpoints.Endpoint("ep");

    [Fact]
    public async Task QueuedBehindActive_FirstRollsBack_QueuedStartsAndCompletes()
    {
        var first = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        Assert.Equal(RolloutPhase.Shadowing, await _host.TickUntilWaitingAsync(first));
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _host.SeedAsync(ShortPlan("blue", "green2"), queuedBehind: first);

        // While queued it has nothing to do and touches nothing.
        var changesBefore = Endpoint.TrafficHistory.Count;
        Assert.Null(await _host.TickAsync(second));
        Assert.Equal(RolloutPhase.Queued, (await _host.RolloutAsync(second)).Phase);
        Assert.Equal(changesBefore, Endpoint.TrafficHistory.Count);

        // Green fails its gates: the rollback, applied inside the gate job, ends the first rollout and frees the endpoint.
        _host.Metrics.Degrade("green", latencyMs: 900, errorPercent: 20);
        for (var i = 0; i < 2; i++)
        {
            _host.Clock.Advance(Interval);
            await _host.CheckGatesAsync(first);
        }

        Assert.Equal(RolloutPhase.RolledBack, (await _host.RolloutAsync(first)).Phase);
        var started = await _host.RolloutAsync(second);
        Assert.Equal(RolloutPhase.Pending, started.Phase);
        Assert.Null(started.QueuedBehind);
        Assert.Contains(second, _host.WakeUps.Woken);
        var dequeue = (await _host.Store.GetAuditAsync(second))[^1];
        Assert.Equal(("Dequeue", Actor.Scheduler, RolloutPhase.Queued, RolloutPhase.Pending), (dequeue.Action, dequeue.Actor, dequeue.FromState, dequeue.ToState));
        Assert.Contains(first.ToString(), dequeue.Reason, StringComparison.Ordinal);

        await RunToEndAsync(second);
        Assert.Equal(RolloutPhase.Succeeded, (await _host.RolloutAsync(second)).Phase);
        Assert.Equal(TrafficSplit.Create([new("blue", 0), new("green2", 100)]), Endpoint.Traffic);
    }

    [Fact]
    public async Task QueuedBehindActive_FirstSucceeds_QueuedStartsOnTheNewBaselineAndCompletes()
    {
        var first = await _host.SeedAsync(new PlanBuilder().Step(new RolloutStep.Deploy()).Step(new RolloutStep.Traffic(100, Bake)).Step(new RolloutStep.DeleteBaseline()).Build());
        await _host.TickUntilWaitingAsync(first);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _host.SeedAsync(ShortPlan("green", "green2"), queuedBehind: first);

        await RunToEndAsync(first);

        Assert.Equal(RolloutPhase.Succeeded, (await _host.RolloutAsync(first)).Phase);
        Assert.Equal(RolloutPhase.Pending, (await _host.RolloutAsync(second)).Phase);
        await RunToEndAsync(second);
        Assert.Equal(RolloutPhase.Succeeded, (await _host.RolloutAsync(second)).Phase);
        Assert.Equal(TrafficSplit.Create([new("green", 0), new("green2", 100)]), Endpoint.Traffic);
    }

    [Fact]
    public async Task AbortQueued_CancelsItWithTheReason_AndLeavesEndpointAndActiveRolloutAlone()
    {
        var first = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(first);
        var second = await _host.SeedAsync(ShortPlan("blue", "green2"), queuedBehind: first);
        var traffic = Endpoint.TrafficHistory;

        var cancelled = await _host.Sender.SendAsync(new AbortRolloutCommand(second, "superseded by a newer build", OnCall));

        Assert.Equal(RolloutPhase.Cancelled, cancelled.Phase);
        Assert.Contains("superseded by a newer build", cancelled.RollbackReason, StringComparison.Ordinal);
        Assert.Equal(traffic, Endpoint.TrafficHistory);
        Assert.DoesNotContain(second, _host.WakeUps.Woken);
        Assert.Equal(RolloutPhase.Shadowing, (await _host.RolloutAsync(first)).Phase);
        var audit = (await _host.Store.GetAuditAsync(second))[^1];
        Assert.Equal(("Abort", OnCall, RolloutPhase.Queued, RolloutPhase.Cancelled), (audit.Action, audit.Actor, audit.FromState, audit.ToState));

        // Cancelled is final, and the line is empty: the first rollout's end starts nothing.
        await _host.Sender.SendAsync(new AbortRolloutCommand(first, "stop", OnCall));
        await _host.TickUntilWaitingAsync(first);
        Assert.Equal(RolloutPhase.Cancelled, (await _host.RolloutAsync(second)).Phase);
        Assert.Empty(await _host.Store.ListActiveAsync());
    }

    [Fact]
    public async Task TwoQueued_StartFirstInFirstOut_EachWhenTheOneAheadEnds()
    {
        var first = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        await _host.TickUntilWaitingAsync(first);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _host.SeedAsync(ShortPlan("blue", "green2"), queuedBehind: first);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = await _host.SeedAsync(ShortPlan("blue", "green3"), queuedBehind: second);

        // An abort ends the first (its rollback is applied by the next tick).
        await _host.Sender.SendAsync(new AbortRolloutCommand(first, "wrong model", OnCall));
        await _host.TickUntilWaitingAsync(first);

        Assert.Equal(RolloutPhase.RolledBack, (await _host.RolloutAsync(first)).Phase);
        Assert.Equal(RolloutPhase.Pending, (await _host.RolloutAsync(second)).Phase);
        Assert.Equal(RolloutPhase.Queued, (await _host.RolloutAsync(third)).Phase);

        await _host.TickUntilWaitingAsync(second);
        await _host.Sender.SendAsync(new AbortRolloutCommand(second, "wrong model too", OnCall));
        await _host.TickUntilWaitingAsync(second);

        Assert.Equal(RolloutPhase.RolledBack, (await _host.RolloutAsync(second)).Phase);
        Assert.Equal(RolloutPhase.Pending, (await _host.RolloutAsync(third)).Phase);
        Assert.Equal([third], (await _host.Store.ListActiveAsync()).Select(r => r.Id));
    }

    /// <summary>Deploy the candidate, then 100% with a bake: a short rollout that ends Succeeded on healthy metrics.</summary>
    private static RolloutPlan ShortPlan(string baseline, string candidate) =>
        new PlanBuilder().Deployments(baseline, candidate).ExistingBaseline().Step(new RolloutStep.Deploy()).Step(new RolloutStep.Traffic(100, Bake)).Build();

    /// <summary>Ticks through every step, letting each bake pass with a gate check every interval.</summary>
    private async Task RunToEndAsync(Guid id)
    {
        for (var guard = 0; guard < 20 && !(await _host.TickUntilWaitingAsync(id)).IsTerminal(); guard++)
        {
            for (var elapsed = TimeSpan.Zero; elapsed <= Bake; elapsed += Interval)
            {
                _host.Clock.Advance(Interval);
                await _host.CheckGatesAsync(id);
            }
        }
    }
}
