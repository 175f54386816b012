using Orchestrator.Plans;
using Policies.Gates;
using Tests.Common;

namespace Orchestrator.Persistence.Tests;

/// <summary>The rounds a gate decision reads: from the step's last passing round on.</summary>
public sealed class SqliteRolloutStoreDecidingRoundsTests : IAsyncLifetime
{
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetDecidingGateRoundsAsync_PassesThenFailures_ReturnsFromTheLastPassOldestFirst()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var t0 = _host.Clock.GetUtcNow();
        await AppendAsync(id, 2, t0, GateVerdict.Pass, GateVerdict.Pass);
        await AppendAsync(id, 2, t0.AddSeconds(1), GateVerdict.Fail, GateVerdict.Pass);
        await AppendAsync(id, 2, t0.AddSeconds(2), GateVerdict.Pass, GateVerdict.Pass);
        await AppendAsync(id, 2, t0.AddSeconds(3), GateVerdict.Pass, GateVerdict.Fail);
        await AppendAsync(id, 2, t0.AddSeconds(4), GateVerdict.Inconclusive, GateVerdict.Pass);
        await AppendAsync(id, 3, t0.AddSeconds(5), GateVerdict.Pass, GateVerdict.Pass);

        var rounds = await _host.Store.GetDecidingGateRoundsAsync(id, 2);

        Assert.Equal([t0.AddSeconds(2), t0.AddSeconds(3), t0.AddSeconds(4)], rounds.Select(r => r.At));
        Assert.Equal(["a", "b"], rounds[1].Evaluations.Select(e => e.Gate));
        Assert.Equal([GateVerdict.Pass, GateVerdict.Fail], rounds[1].Evaluations.Select(e => e.Verdict));
    }

    [Fact]
    public async Task GetDecidingGateRoundsAsync_NoPassInTheStep_ReturnsEveryRoundOfIt()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var t0 = _host.Clock.GetUtcNow();
        await AppendAsync(id, 1, t0.AddSeconds(-1), GateVerdict.Pass, GateVerdict.Pass);
        await AppendAsync(id, 2, t0, GateVerdict.Fail, GateVerdict.Pass);
        await AppendAsync(id, 2, t0.AddSeconds(1), GateVerdict.Inconclusive, GateVerdict.SourceUnavailable);

        var rounds = await _host.Store.GetDecidingGateRoundsAsync(id, 2);

        Assert.Equal([t0, t0.AddSeconds(1)], rounds.Select(r => r.At));
        Assert.Empty(await _host.Store.GetDecidingGateRoundsAsync(id, 4));
    }

    [Fact]
    public async Task GetDecidingGateRoundsAsync_AnyHistory_DecidesLikeTheWholeStep()
    {
        var plan = new PlanBuilder().Build();
        var verdicts = new[] { GateVerdict.Pass, GateVerdict.Fail, GateVerdict.Inconclusive, GateVerdict.SourceUnavailable };
        var random = new Random(20261122);
        for (var history = 0; history < 12; history++)
        {
            var id = await _host.SeedAsync(plan with { Target = plan.Target with { Endpoint = $"ep-{history}" } });
            var stepStarted = _host.Clock.GetUtcNow();
            for (var i = 0; i < 1 + random.Next(12); i++)
            {
                await AppendAsync(id, 2, stepStarted.AddSeconds(10 * i), verdicts[random.Next(4)], verdicts[random.Next(4)]);
            }

            var all = await _host.Store.GetGateRoundsAsync(id, 2);
            var deciding = await _host.Store.GetDecidingGateRoundsAsync(id, 2);
            var now = stepStarted.AddSeconds(10 * all.Count);

            Assert.True(deciding.Count <= all.Count);
            Assert.Equal(GateDecider.Decide(plan.Policy, all, stepStarted, now), GateDecider.Decide(plan.Policy, deciding, stepStarted, now));
        }
    }

    private Task AppendAsync(Guid id, int step, DateTimeOffset at, GateVerdict a, GateVerdict b) =>
        _host.Store.AppendGateRoundAsync(id, step, new GateRound(at, [Eval("a", a, at), Eval("b", b, at)]));

    private static GateEvaluation Eval(string gate, GateVerdict verdict, DateTimeOffset at) =>
        new(gate, GateMetric.LatencyP99Ms, verdict, 12.5, 10, 500, 100, at.AddMinutes(-1), at, "because");
}
