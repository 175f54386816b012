using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Quartz;
using Tests.Common;
using Worker.Jobs;
using Worker.Tests.Support;
using static Worker.Tests.Support.WorkerHarness;

namespace Worker.Sweeping.Tests;

public class GateCheckSweeperTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static ScriptedHandler Unused() => ScriptedHandler.Of((_, _) => throw new InvalidOperationException("this handler is not part of the test"));

    [Fact]
    public async Task DueChecks_ClockReachesEachDueTime_EachRunsThenAndNotBefore()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var checks = new ConcurrentQueue<(string Rollout, DateTimeOffset At)>();
        var gates = ScriptedHandler.Of((id, _) =>
        {
            checks.Enqueue((id, clock.GetUtcNow()));
            return clock.GetUtcNow() + Interval;
        });
        await using var worker = await StartAsync(db, Unused(), gates, clock);
        var start = clock.GetUtcNow();
        await worker.Rollouts.ScheduleGateChecksAsync("r1", start + TimeSpan.FromSeconds(10));
        await worker.Rollouts.ScheduleGateChecksAsync("r2", start + TimeSpan.FromSeconds(20));

        clock.Advance(TimeSpan.FromSeconds(10));
        await gates.Ended.WaitForAsync(1, "r1's check");
        clock.Advance(TimeSpan.FromSeconds(10));
        await gates.Ended.WaitForAsync(2, "r2's check");
        clock.Advance(TimeSpan.FromSeconds(20));
        await gates.Ended.WaitForAsync(3, "r1's second check, 30 s after its first");

        Assert.Equal(
            [("r1", start.AddSeconds(10)), ("r2", start.AddSeconds(20)), ("r1", start.AddSeconds(40))],
            checks.ToArray());
        await EventuallyAsync(async () => (await worker.Rollouts.GetScheduleAsync("r2")).NextGateCheckAt == start.AddSeconds(50), "r2's next check to be written back");
    }

    [Fact]
    public async Task ScheduleGateChecks_TwoTimes_TheEarlierStays()
    {
        using var db = new TempDatabase();
        await using var worker = await StartAsync(db, Unused(), Unused(), start: false);
        var now = worker.Now;

        await worker.Rollouts.ScheduleGateChecksAsync("r1", now.AddHours(1));
        await worker.Rollouts.ScheduleGateChecksAsync("r1", now.AddHours(2));
        Assert.Equal(now.AddHours(1), (await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt);

        await worker.Rollouts.ScheduleGateChecksAsync("r1", now.AddMinutes(30));
        Assert.Equal(now.AddMinutes(30), (await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt);
    }

    [Fact]
    public async Task ScheduleGateChecks_EarlierThanTheSweepersSleep_WakesItWithoutTheClockMoving()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var gates = ScriptedHandler.Of((_, _) => null);
        await using var worker = await StartAsync(db, Unused(), gates, clock, configure: o => o.GateCheckPollInterval = TimeSpan.FromMinutes(1));
        await worker.Rollouts.ScheduleGateChecksAsync("r1", clock.GetUtcNow().AddHours(1));

        await worker.Rollouts.ScheduleGateChecksAsync("r1", clock.GetUtcNow());

        await gates.Ended.WaitForAsync(1, "the check asked for now");
        await EventuallyAsync(async () => (await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt is null, "the finished check's row to go");
    }

    [Fact]
    public async Task ScheduleGateChecks_WhileTheCheckRuns_TheEarlierOfRequestAndAnswerWins()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gates = new ScriptedHandler(async (_, call) =>
        {
            if (call == 1)
            {
                await release.Task.WaitAsync(Counter.Patience);
                return clock.GetUtcNow().AddHours(1);
            }

            return null;
        });
        await using var worker = await StartAsync(db, Unused(), gates, clock);
        await worker.Rollouts.ScheduleGateChecksAsync("r1", clock.GetUtcNow());
        await gates.Started.WaitForAsync(1, "the first check");

        await worker.Rollouts.ScheduleGateChecksAsync("r1", clock.GetUtcNow());
        release.SetResult();

        // The first check answered "in an hour", but the request made meanwhile is earlier: it runs again, never beside itself.
        await gates.Ended.WaitForAsync(2, "the check asked for while the first ran");
        Assert.Equal(1, gates.MaxRunning);
        await EventuallyAsync(async () => (await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt is null, "the row to go after the second check");
    }

    [Fact]
    public async Task Claim_OfANodeThatDied_IsCheckedOnlyAfterTheLeaseExpires()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var gates = ScriptedHandler.Of((_, _) => null);
        await using var worker = await StartAsync(db, Unused(), gates, clock);
        var lease = TimeSpan.FromMinutes(2);
        await using (var connection = new SqliteConnection(db.ConnectionString))
        {
            // Another node claimed the check (its due time is its claim's expiry) and died.
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {GateCheckTable.Name} (rollout_id, due_at, attempt, claimed_by, claimed_until) VALUES ('r1', @until, 0, 'dead-node', @until)";
            command.Parameters.AddWithValue("@until", (clock.GetUtcNow() + lease).UtcTicks);
            await command.ExecuteNonQueryAsync();
        }

        clock.Advance(lease - TimeSpan.FromSeconds(1));
        await worker.Rollouts.ScheduleGateChecksAsync("r2", clock.GetUtcNow());
        await gates.Ended.WaitForAsync(1, "r2's check, due now");
        Assert.Equal(1, gates.Started.Value);
        Assert.NotNull((await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt);

        clock.Advance(TimeSpan.FromSeconds(1));
        await gates.Ended.WaitForAsync(2, "r1's check once the dead node's claim expired");
        await EventuallyAsync(async () => (await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt is null, "r1's row to go");
    }

    [Fact]
    public async Task ClaimsOfAPreviousRun_NodeRestartsOnTheSameFile_AreCheckedAtOnce()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var table = new GateCheckTable(new WorkerDatabase(Hosting.WorkerStore.Sqlite, db.ConnectionString, TimeSpan.FromSeconds(5), new Hosting.SqliteWriteGate()));
        await table.ScheduleAsync("r1", clock.GetUtcNow());
        var claimed = await table.SweepAsync([], "killed-run", clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(2), limit: 10);
        Assert.Equal(["r1"], claimed.Claimed.Select(c => c.RolloutId));

        var gates = ScriptedHandler.Of((_, _) => null);
        await using var worker = await StartAsync(db, Unused(), gates, clock);

        // A SQLite file serves one node: what it claimed before a kill -9 is due at once, not after the lease.
        await gates.Ended.WaitForAsync(1, "r1's check after the restart");
    }

    [Fact]
    public async Task Check_HandlerThrows_BacksOffDoublingAndCountsAttempts()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var gates = ScriptedHandler.Of((_, call) => call <= 2 ? throw new InvalidOperationException($"boom {call}") : null);
        await using var worker = await StartAsync(db, Unused(), gates, clock, configure: o =>
        {
            o.RetryBackoff = TimeSpan.FromSeconds(2);
            o.MaxRetryBackoff = TimeSpan.FromMinutes(1);
        });
        var start = clock.GetUtcNow();
        await worker.Rollouts.ScheduleGateChecksAsync("r1", start);

        await gates.Ended.WaitForAsync(1, "the first check");
        await EventuallyAsync(async () => (await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt == start.AddSeconds(2), "the retry 2 s later");
        clock.Advance(TimeSpan.FromSeconds(2));
        await gates.Ended.WaitForAsync(2, "the second check");
        await EventuallyAsync(async () => (await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt == start.AddSeconds(6), "the retry 4 s later");
        clock.Advance(TimeSpan.FromSeconds(4));
        await gates.Ended.WaitForAsync(3, "the third check");

        await EventuallyAsync(async () => (await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt is null, "the row to go");
        var failures = worker.Logs.Entries.Where(e => e.EventId.Id == WorkerEventIds.HandlerFailed && e.Category == typeof(GateCheckSweeper).FullName).ToList();
        Assert.Equal(["boom 1", "boom 2"], failures.Select(f => f.Exception!.Message));
        Assert.Contains("GateCheck of rollout r1 failed (attempt 2)", failures[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unschedule_WhileTheCheckRuns_TheCheckDoesNotComeBack()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gates = new ScriptedHandler(async (_, _) =>
        {
            await release.Task.WaitAsync(Counter.Patience);
            return clock.GetUtcNow().AddSeconds(1);
        });
        await using var worker = await StartAsync(db, Unused(), gates, clock);
        await worker.Rollouts.ScheduleGateChecksAsync("r1", clock.GetUtcNow());
        await gates.Started.WaitForAsync(1, "the check");

        await worker.Rollouts.UnscheduleAsync("r1");
        release.SetResult();

        await EventuallyAsync(() => Task.FromResult(worker.Logs.Entries.Any(e => e.EventId.Id == WorkerEventIds.UnscheduledWhileRunning)), "the sweeper to see the row gone");
        Assert.Null((await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null((await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt);
        Assert.Equal(1, gates.Started.Value);
    }

    [Fact]
    public async Task DueChecks_MoreThanTheConcurrencyAndTheBatch_AllRunNeverMoreAtOnceThanAllowed()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var release = new SemaphoreSlim(0);
        var gates = new ScriptedHandler(async (_, _) =>
        {
            await release.WaitAsync(Counter.Patience);
            return null;
        });
        await using var worker = await StartAsync(db, Unused(), gates, clock, configure: o =>
        {
            o.GateCheckConcurrency = 3;
            o.GateCheckBatchSize = 2;
        });
        for (var i = 1; i <= 7; i++)
        {
            await worker.Rollouts.ScheduleGateChecksAsync($"r{i}", clock.GetUtcNow());
        }

        // The first sweeps fill the three slots; each release frees one, which the next sweep fills.
        await gates.Started.WaitForAsync(3, "the checks that fit");
        for (var released = 1; released <= 7; released++)
        {
            release.Release();
            await gates.Ended.WaitForAsync(released, "a released check");
        }

        Assert.Equal(7, gates.Started.Value);
        Assert.Equal(3, gates.MaxRunning);
    }

    [Fact]
    public async Task LegacyGateCheckJob_LeftInQuartzByAnOlderVersion_MovesToTheTableOnStart()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        var at = clock.GetUtcNow().AddHours(1);
        await using (var before = await StartAsync(db, Unused(), Unused(), clock, start: false))
        {
            var job = JobBuilder.Create<AdvanceRolloutJob>().WithIdentity("r1", SweeperSchedulerListener.LegacyGroup).UsingJobData("rolloutId", "r1").Build();
            var trigger = TriggerBuilder.Create(clock).WithIdentity("r1", SweeperSchedulerListener.LegacyGroup).StartAt(at).Build();
            await before.Scheduler.ScheduleJob(job, trigger);
        }

        await using var after = await StartAsync(db, Unused(), Unused(), clock);

        Assert.Equal(at, (await after.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt);
        Assert.False(await after.Scheduler.Exists(new JobKey("r1", SweeperSchedulerListener.LegacyGroup)));
    }
}
