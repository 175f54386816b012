using Worker.Tests.Support;
using static Worker.Tests.Support.WorkerHarness;

namespace Worker.Jobs.Tests;

public class RolloutJobsTests
{
    private static ScriptedHandler Unused() => ScriptedHandler.Of((_, _) => throw new InvalidOperationException("this handler is not part of the test"));

    [Fact]
    public async Task Tick_ReturnsALaterTime_JobIsRescheduledAtThatTime()
    {
        using var db = new TempDatabase();
        DateTimeOffset? answer = null;
        var ticks = ScriptedHandler.Of((_, _) => answer);
        await using var worker = await StartAsync(db, ticks, Unused());
        answer = worker.Now.AddHours(1);

        await worker.Rollouts.TriggerTickNowAsync("r1");
        await worker.Listener.Executed(TickJob("r1")).WaitForAsync(1, "tick runs");

        var schedule = await worker.Rollouts.GetScheduleAsync("r1");
        Assert.Equal(answer, schedule.NextTickAt);
        Assert.Null(schedule.NextGateCheckAt);
        Assert.Equal(1, ticks.Started.Value);
    }

    [Fact]
    public async Task Tick_ReturnsASoonTimeThenNull_RunsAgainThenIsRemoved()
    {
        using var db = new TempDatabase();
        var ticks = ScriptedHandler.Of((_, call) => call == 1 ? DateTimeOffset.MinValue : null);
        await using var worker = await StartAsync(db, ticks, Unused());

        await worker.Rollouts.TriggerTickNowAsync("r1");
        await worker.Listener.Executed(TickJob("r1")).WaitForAsync(2, "tick runs");

        await EventuallyAsync(async () => !await worker.Scheduler.Exists(TickJob("r1")), "the tick job to be removed");
        Assert.Equal(new RolloutSchedule(null, null), await worker.Rollouts.GetScheduleAsync("r1"));
        Assert.Equal(2, ticks.Started.Value);
    }

    [Fact]
    public async Task Tick_HandlerThrows_IsLoggedAndRetriedWithGrowingAttempts()
    {
        using var db = new TempDatabase();
        var ticks = ScriptedHandler.Of((_, call) => call <= 2 ? throw new InvalidOperationException($"boom {call}") : null);
        await using var worker = await StartAsync(db, ticks, Unused());

        await worker.Rollouts.TriggerTickNowAsync("r1");
        await worker.Listener.Executed(TickJob("r1")).WaitForAsync(3, "tick runs");

        var failures = worker.Logs.Entries.Where(e => e.EventId.Id == WorkerEventIds.HandlerFailed && e.Category == typeof(RolloutJobRunner).FullName).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, f.Level));
        Assert.Equal(["boom 1", "boom 2"], failures.Select(f => f.Exception!.Message));
        Assert.Contains("Tick of rollout r1 failed (attempt 1)", failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("Tick of rollout r1 failed (attempt 2)", failures[1].Message, StringComparison.Ordinal);
        Assert.Equal(3, ticks.Started.Value);
    }

    [Fact]
    public async Task GateCheck_ReturnsNullWhileTickRuns_OnlyTheGateCheckIsRemoved()
    {
        using var db = new TempDatabase();
        var gateChecked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTimeOffset? tickAnswer = null;
        var ticks = new ScriptedHandler(async (_, _) =>
        {
            // The tick holds its thread until the gate check of the same rollout has run beside it.
            await gateChecked.Task.WaitAsync(Counter.Patience);
            return tickAnswer;
        });
        var gates = ScriptedHandler.Of((_, _) =>
        {
            gateChecked.TrySetResult();
            return null;
        });
        await using var worker = await StartAsync(db, ticks, gates);
        tickAnswer = worker.Now.AddHours(1);

        await worker.Rollouts.TriggerTickNowAsync("r1");
        await ticks.Started.WaitForAsync(1, "tick starts");
        await worker.Rollouts.ScheduleGateChecksAsync("r1", worker.Now);
        await worker.Listener.Executed(TickJob("r1")).WaitForAsync(1, "tick runs");

        await EventuallyAsync(async () => (await worker.Rollouts.GetScheduleAsync("r1")).NextGateCheckAt is null, "the gate check to be removed");
        Assert.Equal(new RolloutSchedule(tickAnswer, null), await worker.Rollouts.GetScheduleAsync("r1"));
        Assert.Equal(2, ticks.MaxRunning + gates.MaxRunning);
    }

    [Fact]
    public async Task TriggerTickNow_WhileTheTickRuns_RunsOnceMoreAfterItNeverBeside()
    {
        using var db = new TempDatabase();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTimeOffset? later = null;
        var ticks = new ScriptedHandler(async (_, call) =>
        {
            if (call == 1)
            {
                await release.Task.WaitAsync(Counter.Patience);
                return later;
            }

            return null;
        });
        await using var worker = await StartAsync(db, ticks, Unused());
        later = worker.Now.AddHours(1);

        await worker.Rollouts.TriggerTickNowAsync("r1");
        await ticks.Started.WaitForAsync(1, "tick starts");
        await worker.Rollouts.TriggerTickNowAsync("r1");
        release.SetResult();

        // The first run answered "in an hour", but the request made meanwhile is earlier and wins.
        await worker.Listener.Executed(TickJob("r1")).WaitForAsync(2, "tick runs");
        Assert.Equal(1, ticks.MaxRunning);
        await EventuallyAsync(async () => !await worker.Scheduler.Exists(TickJob("r1")), "the tick job to be removed");
    }

    [Fact]
    public async Task Tick_ReturnsNullAfterANewScheduleArrived_TheNewScheduleStands()
    {
        using var db = new TempDatabase();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticks = new ScriptedHandler(async (_, _) =>
        {
            await release.Task.WaitAsync(Counter.Patience);
            return null;
        });
        await using var worker = await StartAsync(db, ticks, Unused());
        var next = worker.Now.AddHours(1);

        await worker.Rollouts.TriggerTickNowAsync("r1");
        await ticks.Started.WaitForAsync(1, "tick starts");
        await worker.Rollouts.ScheduleTickAsync("r1", next);
        release.SetResult();
        await worker.Listener.Executed(TickJob("r1")).WaitForAsync(1, "tick runs");

        // Let Quartz finish the firing (it deletes a spent one-shot trigger), then the newer schedule must remain.
        await EventuallyAsync(async () => await worker.Scheduler.GetTriggerState(TickTrigger("r1")) != Quartz.TriggerState.Blocked, "the firing to complete");
        Assert.Equal(next, (await worker.Rollouts.GetScheduleAsync("r1")).NextTickAt);
    }

    [Fact]
    public async Task Unschedule_WhileTheTickRuns_TheTickDoesNotComeBack()
    {
        using var db = new TempDatabase();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTimeOffset? later = null;
        var ticks = new ScriptedHandler(async (_, _) =>
        {
            await release.Task.WaitAsync(Counter.Patience);
            return later;
        });
        await using var worker = await StartAsync(db, ticks, Unused());
        later = worker.Now.AddHours(1);

        await worker.Rollouts.TriggerTickNowAsync("r1");
        await ticks.Started.WaitForAsync(1, "tick starts");
        await worker.Rollouts.UnscheduleAsync("r1");
        release.SetResult();
        await worker.Listener.Executed(TickJob("r1")).WaitForAsync(1, "tick runs");

        Assert.False(await worker.Scheduler.Exists(TickJob("r1")));
        Assert.Contains(worker.Logs.Entries, e => e.EventId.Id == WorkerEventIds.UnscheduledWhileRunning);
    }

    [Fact]
    public async Task Ticks_OfTwoRollouts_RunInParallel()
    {
        using var db = new TempDatabase();
        var bothRunning = new Counter();
        var ticks = new ScriptedHandler(async (_, _) =>
        {
            bothRunning.Increment();
            await bothRunning.WaitForAsync(2, "ticks of both rollouts running at once");
            return null;
        });
        await using var worker = await StartAsync(db, ticks, Unused());

        await worker.Rollouts.TriggerTickNowAsync("r1");
        await worker.Rollouts.TriggerTickNowAsync("r2");

        await ticks.Ended.WaitForAsync(2, "ticks ended");
        Assert.Equal(2, ticks.MaxRunning);
    }
}
