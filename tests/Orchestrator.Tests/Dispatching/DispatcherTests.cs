using Orchestrator.Dispatching;
using Orchestrator.Features.Rollouts.AbortRollout;
using Orchestrator.Features.Rollouts.PauseRollout;
using Orchestrator.Features.Rollouts.ResumeRollout;
using Orchestrator.Features.Rollouts.StartStep;
using Orchestrator.Rollouts;
using Tests.Common;

namespace Orchestrator.Dispatching.Tests;

public sealed class DispatcherTests : IAsyncLifetime
{
    private static readonly Actor OnCall = new("bob", ActorRole.OnCall, CommandSource.Cli);
    private static readonly Actor Viewer = new("eve", ActorRole.Viewer, CommandSource.Api);
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Send_AbortWithoutReason_IsRefusedNamingTheFieldAndChangesNothing()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());

        var error = await Assert.ThrowsAsync<CommandValidationException>(() => _host.Sender.SendAsync(new AbortRolloutCommand(id, " ", OnCall)));

        Assert.Equal("reason", Assert.Single(error.Failures).Field);
        Assert.Equal(RolloutPhase.Pending, (await _host.RolloutAsync(id)).Phase);
    }

    [Fact]
    public async Task Send_ViewerPausing_IsForbidden()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());

        var error = await Assert.ThrowsAsync<CommandForbiddenException>(() => _host.Sender.SendAsync(new PauseRolloutCommand(id, null, Viewer)));

        Assert.Contains("eve", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_HumanSendingAnInternalCommand_IsForbiddenEvenForAdmin()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var admin = new Actor("root", ActorRole.Admin, CommandSource.Api);

        await Assert.ThrowsAsync<CommandForbiddenException>(() => _host.Sender.SendAsync(new StartStepCommand(id, 0, null, admin)));
    }

    [Fact]
    public async Task Send_TriggerTheTableRefuses_ThrowsNamingStateAndIsAudited()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());

        var error = await Assert.ThrowsAsync<InvalidRolloutTransitionException>(() => _host.Sender.SendAsync(new ResumeRolloutCommand(id, null, OnCall)));

        Assert.Equal(RolloutPhase.Pending, error.State);
        Assert.Contains("Pending", error.Message, StringComparison.Ordinal);
        var audit = await _host.Store.GetAuditAsync(id);
        Assert.Equal("ResumeRolloutRefused", audit[^1].Action);
        Assert.Equal("bob", audit[^1].Actor.Name);
    }

    [Fact]
    public async Task Send_SameRequestIdTwice_RunsOnceAndReturnsTheFirstResult()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        await _host.Sender.SendAsync(new StartStepCommand(id, 0, null, Actor.Scheduler));

        var first = await _host.Sender.SendAsync(new PauseRolloutCommand(id, "look", OnCall, "req-1"));
        var repeat = await _host.Sender.SendAsync(new PauseRolloutCommand(id, "look", OnCall, "req-1"));

        Assert.Equal(RolloutPhase.Paused, first.Phase);
        Assert.Equal(first.Version, repeat.Version);
        Assert.Single(await _host.Store.GetAuditAsync(id), a => a.Action == "Pause");
    }

    [Fact]
    public async Task Send_StartStepRepeated_DoesNotRestartTheStep()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var first = await _host.Sender.SendAsync(new StartStepCommand(id, 0, null, Actor.Scheduler));
        _host.Clock.Advance(TimeSpan.FromSeconds(30));

        var repeat = await _host.Sender.SendAsync(new StartStepCommand(id, 0, null, Actor.Scheduler));

        Assert.Equal(first.StepStartedAt, repeat.StepStartedAt);
        Assert.Equal(first.Version, repeat.Version);
    }

    [Fact]
    public async Task Send_ConcurrentCommandsOnOneRollout_AllApplyThroughRetries()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        await _host.Sender.SendAsync(new StartStepCommand(id, 0, null, Actor.Scheduler));

        // Pause and resume race; the version check plus retry serializes them without losing either.
        var tasks = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                if (i % 2 == 0)
                {
                    await _host.Sender.SendAsync(new PauseRolloutCommand(id, null, OnCall));
                }
                else
                {
                    await _host.Sender.SendAsync(new ResumeRolloutCommand(id, null, OnCall));
                }

                return true;
            }
            catch (InvalidRolloutTransitionException)
            {
                return false;
            }
        }));
        var applied = (await Task.WhenAll(tasks)).Count(ok => ok);

        var audit = await _host.Store.GetAuditAsync(id);
        var rollout = await _host.RolloutAsync(id);
        Assert.Equal(applied, audit.Count(a => a.Action is "Pause" or "Resume"));
        Assert.Equal(1 + applied, rollout.Version);
    }
}
