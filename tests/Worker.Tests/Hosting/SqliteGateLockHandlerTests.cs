using Quartz.Impl.AdoJobStore;

namespace Worker.Hosting.Tests;

public class SqliteGateLockHandlerTests
{
    [Fact]
    public async Task AcquireLock_HolderAsksAgain_IsReentrantAndOneReleaseFreesIt()
    {
        using var gate = new SqliteWriteGate();
        using var handler = new SqliteGateLockHandler(gate);
        var operation = Guid.NewGuid();

        Assert.True(await handler.AcquireLock(operation, null, SchedulerLock.TriggerAccess));
        Assert.False(await handler.AcquireLock(operation, null, SchedulerLock.TriggerAccess));
        await handler.ReleaseLock(operation, SchedulerLock.TriggerAccess);

        Assert.True(await handler.AcquireLock(Guid.NewGuid(), null, SchedulerLock.TriggerAccess).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task AcquireLock_StateAccessWhileTheGateIsHeld_IsNotBlockedByIt()
    {
        using var gate = new SqliteWriteGate();
        using var handler = new SqliteGateLockHandler(gate);
        using var storeWrite = await gate.EnterAsync();

        // Quartz nests its two locks; only trigger access queues with the rollout store.
        Assert.True(await handler.AcquireLock(Guid.NewGuid(), null, SchedulerLock.StateAccess).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task AcquireLock_WhileTheRolloutStoreWrites_WaitsForItsCommit()
    {
        using var gate = new SqliteWriteGate();
        using var handler = new SqliteGateLockHandler(gate);
        var storeWrite = await gate.EnterAsync();

        var quartz = handler.AcquireLock(Guid.NewGuid(), null, SchedulerLock.TriggerAccess).AsTask();
        Assert.False(quartz.IsCompleted);

        storeWrite.Dispose();
        Assert.True(await quartz.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task EnterAsync_WhileQuartzHoldsTheLock_WaitsForItsRelease()
    {
        using var gate = new SqliteWriteGate();
        using var handler = new SqliteGateLockHandler(gate);
        var operation = Guid.NewGuid();
        await handler.AcquireLock(operation, null, SchedulerLock.TriggerAccess);

        var storeWrite = gate.EnterAsync().AsTask();
        Assert.False(storeWrite.IsCompleted);

        await handler.ReleaseLock(operation, SchedulerLock.TriggerAccess);
        (await storeWrite.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task AcquireLock_Cancelled_ThrowsAndLeavesTheGateFree()
    {
        using var gate = new SqliteWriteGate();
        using var handler = new SqliteGateLockHandler(gate);
        var holder = await gate.EnterAsync();
        using var cancellation = new CancellationTokenSource();

        var waiting = handler.AcquireLock(Guid.NewGuid(), null, SchedulerLock.TriggerAccess, cancellation.Token).AsTask();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        holder.Dispose();
        (await gate.EnterAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }
}
