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
    public async Task Watch_RolloutFailsItsGatesAndRollsBack_PrintsEachChangeEveryRoundAndEveryTransitionAndExits1()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        await Host.Store.AppendGateRoundAsync(rollout.Id, 2, GateRounds.P99(TestRollouts.Start.AddMinutes(1), GateVerdict.Pass, 120));
        var clock = new SignalingClock();
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer, clock);

        var watch = cli.RunAsync("watch", rollout.Id.ToString());
        await clock.WaitForSleeperAsync();

        // Between two polls: two more rounds (the second fails), and the worker starts the rollback at the same time.
        await Host.Store.AppendGateRoundAsync(rollout.Id, 2, GateRounds.P99(TestRollouts.Start.AddMinutes(2), GateVerdict.Fail, 612));
        await Host.Store.AppendGateRoundAsync(rollout.Id, 2, GateRounds.P99(TestRollouts.Start.AddMinutes(3), GateVerdict.Fail, 640));
        await MoveAsync(rollout.Id, RolloutPhase.RollingBack, "GateFailed", Actor.Scheduler, "2 failed rounds since the last pass", TestRollouts.Start.AddMinutes(3));
        clock.Clock.Advance(TimeSpan.FromSeconds(2));
        await clock.WaitForSleeperAsync();

        // A poll that sees no change prints nothing.
        clock.Clock.Advance(TimeSpan.FromSeconds(2));
        await clock.WaitForSleeperAsync();

        await MoveAsync(rollout.Id, RolloutPhase.RolledBack, "RollbackCompleted", Actor.Scheduler, null, TestRollouts.Start.AddMinutes(4));
        clock.Clock.Advance(TimeSpan.FromSeconds(2));
        var run = await watch.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == ExitCodes.RolledBack, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 10, run.Output);
        Assert.Equal($"watching rollout {rollout.Id}: blue → green on {rollout.EndpointKey}, every 2 s (Ctrl+C stops watching; the rollout goes on)", lines[0]);
        Assert.Equal("00:00:00   gates Pass at 2026-01-01 00:01:00Z (step 3 traffic): p99-absolute Pass 120 vs 500 (n=80)", lines[1]);
        Assert.Matches(@"^00:00:00 Canary\s+step 3/5 traffic\s+desired blue 90%, green 10%; mirror none  actual blue 100%; mirror none$", lines[2]);
        Assert.Equal("00:00:02   gates Fail at 2026-01-01 00:02:00Z (step 3 traffic): p99-absolute Fail 612 vs 500 (n=80)", lines[3]);
        Assert.Equal("00:00:02   gates Fail at 2026-01-01 00:03:00Z (step 3 traffic): p99-absolute Fail 640 vs 500 (n=80)", lines[4]);
        Assert.Equal("00:00:02   audit GateFailed Canary → RollingBack at 2026-01-01 00:03:00Z by scheduler (system via Scheduler): 2 failed rounds since the last pass", lines[5]);
        Assert.Matches(@"^00:00:02 RollingBack\s+step 3/5 traffic\s+desired blue 100%; mirror none  actual as desired$", lines[6]);
        Assert.Equal("00:00:06   audit RollbackCompleted RollingBack → RolledBack at 2026-01-01 00:04:00Z by scheduler (system via Scheduler)", lines[7]);
        Assert.Matches(@"^00:00:06 RolledBack\s+step 3/5 traffic\s+desired ", lines[8]);
        Assert.Equal($"rollout {rollout.Id} ended RolledBack: 2 failed rounds since the last pass", lines[9]);
    }

    [Fact]
    public async Task Watch_StatesShorterThanOnePoll_PrintsTheHistoryThenEveryTransitionInOrder()
    {
        var rollout = TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2);
        await Host.Store.InsertAsync(rollout, [new AuditEvent(rollout.Id, TestRollouts.Start, new Actor("ci", ActorRole.ReleaseManager, CommandSource.Webhook), "Submit", null, null, RolloutPhase.Pending)]);
        var clock = new SignalingClock();
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer, clock);

        var watch = cli.RunAsync("watch", rollout.Id.ToString(), "--interval", "30");
        await clock.WaitForSleeperAsync();

        // Within one poll: paused, resumed, aborted and rolled back. Polling alone would see only RolledBack.
        var alice = new Actor("alice", ActorRole.OnCall, CommandSource.Dashboard);
        await MoveAsync(rollout.Id, RolloutPhase.Paused, "Pause", alice, "a look", TestRollouts.Start.AddSeconds(1));
        await MoveAsync(rollout.Id, RolloutPhase.Canary, "Resume", alice, null, TestRollouts.Start.AddSeconds(2));
        await MoveAsync(rollout.Id, RolloutPhase.RollingBack, "Abort", alice, "bad\nidea", TestRollouts.Start.AddSeconds(3));
        await MoveAsync(rollout.Id, RolloutPhase.RolledBack, "RollbackCompleted", Actor.Scheduler, null, TestRollouts.Start.AddSeconds(4));
        clock.Clock.Advance(TimeSpan.FromSeconds(30));
        var run = await watch.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == ExitCodes.RolledBack, run.Output + run.Error);
        var audit = run.Output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Contains("   audit ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "00:00:00   audit Submit → Pending at 2026-01-01 00:00:00Z by ci (release-manager via Webhook)",
            "00:00:30   audit Pause Canary → Paused at 2026-01-01 00:00:01Z by alice (on-call via Dashboard): a look",
            "00:00:30   audit Resume Paused → Canary at 2026-01-01 00:00:02Z by alice (on-call via Dashboard)",
            "00:00:30   audit Abort Canary → RollingBack at 2026-01-01 00:00:03Z by alice (on-call via Dashboard): bad idea",
            "00:00:30   audit RollbackCompleted RollingBack → RolledBack at 2026-01-01 00:00:04Z by scheduler (system via Scheduler)",
        ],
        audit);
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
        await MoveAsync(rollout.Id, RolloutPhase.Succeeded, "StepCompleted", Actor.Scheduler, null, TestRollouts.Start, r => r with { StepIndex = 5 });
        clock.Clock.Advance(TimeSpan.FromSeconds(5));
        var run = await watch.WaitAsync(TimeSpan.FromMinutes(2));

        // Each transition is its own object (action, fromState, toState), before the rollout that shows its result.
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"state\":\"Canary\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"action\":\"StepCompleted\",\"reason\":null,\"fromState\":\"Canary\",\"toState\":\"Succeeded\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Succeeded\"", lines[2], StringComparison.Ordinal);
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
        await using var server = await StandInServer.StartAsync(request => request.Path.Value!.EndsWith("/audit", StringComparison.Ordinal)
            ? (200, "application/json", $$"""{"rolloutId":"{{rollout.Id}}","events":[],"next":0,"hasMore":false}""")
            : request.Path.Value.EndsWith("/gates", StringComparison.Ordinal)
                ? (200, "application/json", $$"""{"rolloutId":"{{rollout.Id}}","rounds":[],"next":0,"hasMore":false}""")
                : answers.Dequeue());
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

    /// <summary>Moves the stored rollout to a state with its audit event, as the worker or an action would.</summary>
    private async Task MoveAsync(Guid id, RolloutPhase to, string action, Actor actor, string? reason, DateTimeOffset at, Func<Rollout, Rollout>? change = null)
    {
        var current = (await Host.Store.GetAsync(id))!;
        var moved = (change ?? (r => r))(current with { Phase = to, RollbackReason = to == RolloutPhase.RollingBack ? reason : current.RollbackReason });
        await Host.Store.UpdateAsync(moved, [new AuditEvent(id, at, actor, action, reason, current.Phase, to)]);
    }
}
