using Quartz.Impl.AdoJobStore;

namespace Worker.Hosting;

/// <summary>
/// Quartz's lock on a SQLite store, taken on the node's <see cref="SqliteWriteGate"/>: Quartz serializes every
/// operation on SQLite anyway, and sharing the gate with the rollout store makes the two queue for the file's write
/// lock in turn instead of meeting it held and sleeping in SQLite's busy handler. Both of Quartz's lock kinds are the
/// one gate; an operation that holds it and asks again (for the other kind) is re-entrant.
/// </summary>
internal sealed class SqliteGateLockHandler(SqliteWriteGate gate) : ILockHandler
{
    // The operation holding the gate (boxed so the read is atomic); only the holder writes it.
    private object? _holder;

    public bool RequiresConnection => false;

    public async ValueTask<bool> AcquireLock(Guid requestorId, ConnectionAndTransactionHolder? conn, SchedulerLock lockKind, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _holder) is Guid holder && holder == requestorId)
        {
            return false;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _holder, requestorId);
        return true;
    }

    public ValueTask ReleaseLock(Guid requestorId, SchedulerLock lockKind, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _holder) is Guid holder && holder == requestorId)
        {
            Volatile.Write(ref _holder, null);
            gate.Exit();
        }

        return ValueTask.CompletedTask;
    }
}
