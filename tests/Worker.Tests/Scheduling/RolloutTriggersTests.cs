using System.Reflection;
using Quartz;
using Worker.Tests.Support;
using static Worker.Tests.Support.WorkerHarness;

namespace Worker.Scheduling.Tests;

public class RolloutTriggersTests
{
    [Fact]
    public async Task ScheduleAsync_JobDeletedBetweenTheCheckAndTheWrite_CreatesItAgain()
    {
        using var db = new TempDatabase();
        await using var worker = await StartAsync(db, ScriptedHandler.Of((_, _) => null), ScriptedHandler.Of((_, _) => null), start: false);
        var at = worker.Now.AddHours(1);
        await RolloutTriggers.ScheduleAsync(worker.Scheduler, "r1", at);

        // The job's last run finishes right after the caller saw the job: the store deletes it before the write.
        var racing = JobFinishesAfterExists.Wrap(worker.Scheduler);
        var result = await RolloutTriggers.ScheduleAsync(racing, "r1", at.AddMinutes(-30));

        Assert.Equal(1, JobFinishesAfterExists.Deletions(racing));
        Assert.Equal(at.AddMinutes(-30), result.NextFireTimeUtc);
        Assert.True(await worker.Scheduler.Exists(TickJob("r1")));
        Assert.Equal(at.AddMinutes(-30), (await worker.Rollouts.GetScheduleAsync("r1")).NextTickAt);
    }

    /// <summary>An <see cref="IScheduler"/> whose first <c>Exists</c> answers "yes" and then deletes the job, as a finishing run would.</summary>
    public class JobFinishesAfterExists : DispatchProxy
    {
        private IScheduler _inner = null!;
        private int _deletions;

        public static IScheduler Wrap(IScheduler inner)
        {
            var proxy = Create<IScheduler, JobFinishesAfterExists>();
            ((JobFinishesAfterExists)(object)proxy)._inner = inner;
            return proxy;
        }

        public static int Deletions(IScheduler proxy) => ((JobFinishesAfterExists)(object)proxy)._deletions;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IScheduler.Exists) && args is [JobKey key, CancellationToken token] && _deletions == 0)
            {
                var existed = _inner.Exists(key, token).AsTask().GetAwaiter().GetResult();
                if (existed)
                {
                    _deletions++;
                    _inner.DeleteJob(key, token).AsTask().GetAwaiter().GetResult();
                }

#pragma warning disable CA2012 // A proxy hands the ValueTask back as an object; the caller awaits it once.
                return ValueTask.FromResult(existed);
#pragma warning restore CA2012
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
