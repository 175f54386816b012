using Orchestrator.Features.Rollouts.FinishRollback;
using Orchestrator.Features.Rollouts.StartQueuedRollout;
using Orchestrator.Rollouts;
using Tests.Common;

namespace Orchestrator.Features.Rollouts.StartQueuedRollout.Tests;

public sealed class StartQueuedRolloutTests : IAsyncLifetime
{
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Send_WhileTheEndpointIsBusy_StartsNothingAndChangesNothing()
    {
        var active = await _host.SeedAsync(new PlanBuilder().Build());
        var queued = await _host.RolloutAsync(await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: active));

        var started = await _host.Sender.SendAsync(Start());

        Assert.Null(started);
        var after = await _host.RolloutAsync(queued.Id);
        Assert.Equal((RolloutPhase.Queued, queued.Version), (after.Phase, after.Version));
        Assert.Empty(_host.WakeUps.Woken);
    }

    [Fact]
    public async Task Send_NothingQueued_ReturnsNull()
    {
        Assert.Null(await _host.Sender.SendAsync(Start()));
    }

    [Fact]
    public async Task Send_TwoAtOnceOnAnIdleEndpoint_StartsOnlyTheOldestAndTheOtherStaysQueued()
    {
        var (oldest, younger) = await QueueTwoBehindAnEndedRolloutAsync();

        // Two nodes (or ticks) see the endpoint free at the same moment.
        var results = await Task.WhenAll(Task.Run(() => _host.Sender.SendAsync(Start())), Task.Run(() => _host.Sender.SendAsync(Start())));

        Assert.Equal([oldest], results.Where(r => r is not null).Select(r => r!.Id).Distinct());
        Assert.Equal(RolloutPhase.Pending, (await _host.RolloutAsync(oldest)).Phase);
        Assert.Equal(RolloutPhase.Queued, (await _host.RolloutAsync(younger)).Phase);
        Assert.Single(await _host.Store.GetAuditAsync(oldest), a => a.Action == "Dequeue");
    }

    [Fact]
    public async Task RollbackThatCouldNotBeApplied_EndsTheActiveRollout_AndTheQueuedOneStarts()
    {
        var active = await _host.SeedAsync(new PlanBuilder().Build());
        var queued = await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: active);
        var rollingBack = await _host.RolloutAsync(active);
        await _host.Store.UpdateAsync(rollingBack with { Phase = RolloutPhase.RollingBack }, []);

        var failed = await _host.Sender.SendAsync(new FinishRollbackCommand(active, false, "the endpoint refused every update", Actor.Scheduler));

        Assert.Equal(RolloutPhase.Failed, failed.Phase);
        Assert.Equal(RolloutPhase.Pending, (await _host.RolloutAsync(queued)).Phase);
        Assert.Equal([queued], _host.WakeUps.Woken);
    }

    private static StartQueuedRolloutCommand Start() => new("local/ep", "test", Actor.Scheduler);

    /// <summary>Two rollouts queued behind one that then ended without going through the dispatcher (as after a crash).</summary>
    private async Task<(Guid Oldest, Guid Younger)> QueueTwoBehindAnEndedRolloutAsync()
    {
        var active = await _host.SeedAsync(new PlanBuilder().Build());
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var oldest = await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: active);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var younger = await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: oldest);
        var ended = await _host.RolloutAsync(active);
        await _host.Store.UpdateAsync(ended with { Phase = RolloutPhase.RolledBack }, []);
        return (oldest, younger);
    }
}
