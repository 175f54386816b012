using Orchestrator.Api.Tests;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Cli.Client.Tests;

/// <summary>
/// <c>rollouts watch</c> against the API on real loopback HTTP. The watcher's polling waits on a test clock the test
/// advances once the watcher sleeps; the rollout is moved between polls straight in the store, as the worker would.
/// </summary>
public sealed class WatchRolloutCommandTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private ApiTestHost Host => fixture.Host;

    [Fact]
    public async Task Watch_RolloutFailsItsGatesAndRollsBack_PrintsEachChangeAndEveryRoundAndExits1()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        await Host.Store.AppendGateRoundAsync(rollout.Id, 2, GateRounds.P99(TestRollouts.Start.AddMinutes(1), GateVerdict.Pass, 120));
        var clock = new SignalingClock();
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer, clock);

        var watch = cli.RunAsync("watch", rollout.Id.ToString());
        await clock.WaitForSleeperAsync();

        // Between two polls: two more rounds (the second fails), and the worker starts the rollback.
        await Host.Store.AppendGateRoundAsync(rollout.Id, 2, GateRounds.P99(TestRollouts.Start.AddMinutes(2), GateVerdict.Fail, 612));
        await Host.Store.AppendGateRoundAsync(rollout.Id, 2, GateRounds.P99(TestRollouts.Start.AddMinutes(3), GateVerdict.Fail, 640));
        await MoveAsync(rollout.Id, r => r with { Phase = RolloutPhase.RollingBack, RollbackReason = "2 failed rounds since the last pass" });
        clock.Clock.Advance(TimeSpan.FromSeconds(2));
        await clock.WaitForSleeperAsync();

        // A poll that sees no change prints nothing.
        clock.Clock.Advance(TimeSpan.FromSeconds(2));
        await clock.WaitForSleeperAsync();

        await MoveAsync(rollout.Id, r => r with { Phase = RolloutPhase.RolledBack });
        clock.Clock.Advance(TimeSpan.FromSeconds(2));
        var run = await watch.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == ExitCodes.RolledBack, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 8, run.Output);
        Assert.Equal($"watching rollout {rollout.Id}: blue → green on {rollout.EndpointKey}, every 2 s (Ctrl+C stops watching; the rollout goes on)", lines[0]);
        Assert.Equal("00:00:00   gates Pass at 2026-01-01 00:01:00Z (step 3 traffic): p99-absolute Pass 120 vs 500 (n=80)", lines[1]);
        Assert.Matches(@"^00:00:00 Canary\s+step 3/5 traffic\s+desired blue 90%, green 10%; mirror none  actual blue 100%; mirror none$", lines[2]);
        Assert.Equal("00:00:02   gates Fail at 2026-01-01 00:02:00Z (step 3 traffic): p99-absolute Fail 612 vs 500 (n=80)", lines[3]);
        Assert.Equal("00:00:02   gates Fail at 2026-01-01 00:03:00Z (step 3 traffic): p99-absolute Fail 640 vs 500 (n=80)", lines[4]);
        Assert.Matches(@"^00:00:02 RollingBack\s+step 3/5 traffic\s+desired blue 100%; mirror none  actual as desired$", lines[5]);
        Assert.Matches(@"^00:00:06 RolledBack\s+step 3/5 traffic\s+desired ", lines[6]);
        Assert.Equal($"rollout {rollout.Id} ended RolledBack: 2 failed rounds since the last pass", lines[7]);
    }

    [Theory]
    [InlineData(RolloutPhase.Succeeded, ExitCodes.Success)]
    [InlineData(RolloutPhase.RolledBack, ExitCodes.RolledBack)]
    [InlineData(RolloutPhase.Cancelled, ExitCodes.RolledBack)]
    [InlineData(RolloutPhase.Failed, ExitCodes.RollbackFailed)]
    public async Task Watch_RolloutAlreadyEnded_ExitsLikeRunForItsFinalState(RolloutPhase state, int exitCode)
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), state, stepIndex: 4));
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer, new SignalingClock());

        var run = await cli.RunAsync("watch", rollout.Id.ToString());

        Assert.Equal(exitCode, run.ExitCode);
        Assert.EndsWith($"rollout {rollout.Id} ended {state}", run.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Json_PrintsTheRolloutJsonOncePerChange()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var clock = new SignalingClock();
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer, clock);

        var watch = cli.RunAsync("watch", rollout.Id.ToString(), "--json", "--interval", "5");
        await clock.WaitForSleeperAsync();
        await MoveAsync(rollout.Id, r => r with { Phase = RolloutPhase.Succeeded, StepIndex = 5 });
        clock.Clock.Advance(TimeSpan.FromSeconds(5));
        var run = await watch.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"state\":\"Canary\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Succeeded\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_UnknownRollout_Exits4()
    {
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer, new SignalingClock());

        var run = await cli.RunAsync("watch", Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.StartsWith("error: Not found (404)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_ServerFailsBetweenPolls_SaysSoOnceKeepsPollingAndEndsWhenItAnswersAgain()
    {
        // A stand-in server that answers with the real API's JSON for this rollout, or fails as a restarting proxy would.
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        using var real = await Host.Client(await Host.KeyAsync(ActorRole.Viewer)).GetAsync(new Uri($"/api/v1/rollouts/{rollout.Id}", UriKind.Relative));
        var canary = await real.Content.ReadAsStringAsync();
        var answers = new Queue<(int Status, string Type, string Body)>([
            (200, "application/json", canary),
            (503, "text/plain", "restarting"),
            (503, "text/plain", "restarting"),
            (200, "application/json", canary.Replace("\"state\":\"Canary\"", "\"state\":\"RolledBack\"", StringComparison.Ordinal))]);
        await using var server = await StandInServer.StartAsync(() => answers.Dequeue());
        var clock = new SignalingClock();
        var cli = new ClientCli(Host, "rok_any", clock);

        var watch = cli.RunAsync("watch", rollout.Id.ToString(), "--server", server.Urls.First());
        for (var poll = 0; poll < 3; poll++)
        {
            await clock.WaitForSleeperAsync();
            clock.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        var run = await watch.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == ExitCodes.RolledBack, run.Output + run.Error);
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.Matches(@"^00:00:02 the server at .* answered 503 Service Unavailable with text/plain, not the orchestrator's API; is --server right\?; still trying every 2 s$", errors[0]);
        Assert.Equal("00:00:06 the server answers again", errors[1]);
        Assert.Contains($"rollout {rollout.Id} ended RolledBack", run.Output, StringComparison.Ordinal);
    }

    private async Task MoveAsync(Guid id, Func<Rollout, Rollout> change)
    {
        var current = await Host.Store.GetAsync(id);
        await Host.Store.UpdateAsync(change(current!), []);
    }
}
