using Orchestrator.Metrics;
using Orchestrator.Rollouts;
using Policies.Gates;
using Tests.Common;

namespace Orchestrator.Execution.Tests;

/// <summary>The windows a gate round reads: from the step's start on where the source answers exactly, else back past it.</summary>
public sealed class GateWindowTests : IAsyncLifetime
{
    private static readonly TimeSpan Bake = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CheckGates_ExactSourceEarlyInTheStep_ReadsCandidateAndBaselineFromTheStepsStart()
    {
        var (id, stepStart) = await ShadowingAsync();

        _host.Clock.Advance(TimeSpan.FromSeconds(20));
        await _host.CheckGatesAsync(id);

        // 20 s into the step, not the policy's 1 min: what the deployments served before the step is not its evidence.
        var now = _host.Clock.GetUtcNow();
        Assert.All(_host.Metrics.Queries, q => Assert.Equal((stepStart, now), (q.Start, q.End)));
        Assert.Contains(_host.Metrics.Queries, q => q.Deployment == "blue");
        var round = Assert.Single(await _host.Store.GetGateRoundsAsync(id));
        Assert.All(round.Evaluations, e => Assert.Equal(stepStart, e.WindowStart));
    }

    [Fact]
    public async Task CheckGates_ExactSourceLaterInTheStep_ReadsThePolicysWholeWindow()
    {
        var (id, _) = await ShadowingAsync();

        _host.Clock.Advance(TimeSpan.FromSeconds(90));
        await _host.CheckGatesAsync(id);

        var now = _host.Clock.GetUtcNow();
        Assert.All(_host.Metrics.Queries, q => Assert.Equal((now - Window, now), (q.Start, q.End)));
    }

    [Fact]
    public async Task CheckGates_CoarseSource_ReadsBackPastTheStepsStart()
    {
        _host.Metrics.AnswersExactWindows = false;
        var (id, _) = await ShadowingAsync();

        _host.Clock.Advance(TimeSpan.FromSeconds(20));
        await _host.CheckGatesAsync(id);

        // Azure Monitor answers whole minutes and leaves out the one still filling: cut at the step's start, this
        // window would hold nothing for a minute or two.
        var now = _host.Clock.GetUtcNow();
        Assert.All(_host.Metrics.Queries, q => Assert.Equal((now - Window, now), (q.Start, q.End)));
    }

    [Fact]
    public async Task CheckGates_AtTheInstantTheStepBegan_ReadsNothingAndIsInconclusive()
    {
        var (id, _) = await ShadowingAsync();

        await _host.CheckGatesAsync(id);

        Assert.Empty(_host.Metrics.Queries);
        var round = Assert.Single(await _host.Store.GetGateRoundsAsync(id));
        Assert.All(round.Evaluations, e => Assert.Equal(GateVerdict.Inconclusive, e.Verdict));
        Assert.Equal(RolloutPhase.Shadowing, (await _host.RolloutAsync(id)).Phase);
    }

    private async Task<(Guid Id, DateTimeOffset StepStart)> ShadowingAsync()
    {
        var id = await _host.SeedAsync(new PlanBuilder().DefaultPath(Bake).Build());
        Assert.Equal(RolloutPhase.Shadowing, await _host.TickUntilWaitingAsync(id));
        return (id, (await _host.RolloutAsync(id)).StepStartedAt);
    }
}
