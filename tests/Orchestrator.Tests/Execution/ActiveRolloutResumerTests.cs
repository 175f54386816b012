using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Rollouts;
using Tests.Common;

namespace Orchestrator.Execution.Tests;

public sealed class ActiveRolloutResumerTests : IAsyncLifetime
{
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

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
