using Tests.Common;
using Worker.Tests.Support;
using static Worker.Tests.Support.WorkerHarness;

namespace Worker.Scheduling.Tests;

public class QuartzRolloutSchedulerTests
{
    private static ScriptedHandler Finishing() => ScriptedHandler.Of((_, _) => null);

    [Fact]
    public async Task ScheduleTick_TwoTimes_TheEarlierStays()
    {
        using var db = new TempDatabase();
        await using var worker = await StartAsync(db, Finishing(), Finishing(), start: false);
        var now = worker.Now;

        await worker.Rollouts.ScheduleTickAsync("r1", now.AddHours(1));
        await worker.Rollouts.ScheduleTickAsync("r1", now.AddHours(2));
        Assert.Equal(now.AddHours(1), (await worker.Rollouts.GetScheduleAsync("r1")).NextTickAt);

        await worker.Rollouts.ScheduleTickAsync("r1", now.AddMinutes(30));
        Assert.Equal(now.AddMinutes(30), (await worker.Rollouts.GetScheduleAsync("r1")).NextTickAt);
    }

    [Fact]
    public async Task Unschedule_TickAndGateChecks_RemovesBothAndTouchesNoOtherRollout()
    {
        using var db = new TempDatabase();
        await using var worker = await StartAsync(db, Finishing(), Finishing(), start: false);
        var at = worker.Now.AddHours(1);
        await worker.Rollouts.ScheduleTickAsync("r1", at);
        await worker.Rollouts.ScheduleGateChecksAsync("r1", at);
        await worker.Rollouts.ScheduleTickAsync("r2", at);

        await worker.Rollouts.UnscheduleAsync("r1");

        Assert.Equal(new RolloutSchedule(null, null), await worker.Rollouts.GetScheduleAsync("r1"));
        Assert.False(await worker.Scheduler.Exists(TickJob("r1")));
        Assert.Equal(new RolloutSchedule(at, null), await worker.Rollouts.GetScheduleAsync("r2"));
    }

    [Fact]
    public async Task Unschedule_NothingScheduled_IsANoOp()
    {
        using var db = new TempDatabase();
        await using var worker = await StartAsync(db, Finishing(), Finishing(), start: false);

        await worker.Rollouts.UnscheduleAsync("ghost");

        Assert.Equal(new RolloutSchedule(null, null), await worker.Rollouts.GetScheduleAsync("ghost"));
    }

    [Fact]
    public async Task PendingTick_SchedulerRestartsOnTheSameFile_Fires()
    {
        using var db = new TempDatabase();
        await using (var before = await StartAsync(db, Finishing(), Finishing(), start: false))
        {
            await before.Rollouts.ScheduleTickAsync("r1", before.Now.AddMilliseconds(200));
            await before.Rollouts.ScheduleGateChecksAsync("r2", before.Now.AddMilliseconds(200));
        }

        var ticks = Finishing();
        var gates = Finishing();
        await using var after = await StartAsync(db, ticks, gates);

        await ticks.Ended.WaitForAsync(1, "ticks after the restart");
        await gates.Ended.WaitForAsync(1, "gate checks after the restart");
    }

    [Fact]
    public async Task MissedTick_ServiceWasDownPastIt_FiresAtOnceOnStart()
    {
        using var db = new TempDatabase();
        var clock = new TestClock();
        await using (var before = await StartAsync(db, Finishing(), Finishing(), clock, start: false))
        {
            await before.Rollouts.ScheduleTickAsync("r1", clock.GetUtcNow().AddMinutes(1));
        }

        // The service was down for an hour: far past the misfire threshold. Nobody advances the clock after start.
        clock.Advance(TimeSpan.FromHours(1));
        var ticks = Finishing();
        await using var after = await StartAsync(db, ticks, Finishing(), clock);

        await ticks.Ended.WaitForAsync(1, "ticks after the restart");
    }
}
