using Quartz.Impl.AdoJobStore;

namespace Worker.Hosting;

/// <summary>
/// Quartz's locks on a SQLite store. Trigger access — what every firing, reschedule and completion takes — is the
/// node's <see cref="SqliteWriteGate"/>, shared with the rollout store, so the two queue for the file's write lock in
/// turn instead of meeting it held and sleeping in SQLite's busy handler. State access (recovery, check-ins) keeps a
/// lock of its own, as in Quartz's own in-process handler, so Quartz's nesting of the two cannot deadlock. Each lock is
/// re-entrant for the operation that holds it.
/// </summary>
internal sealed class SqliteGateLockHandler : ILockHandler, IDisposable
{
    private readonly Slot _trigger;
    private readonly Slot _state;
    private readonly SemaphoreSlim _stateLock = new(1, 1);

    public SqliteGateLockHandler(SqliteWriteGate gate)
    {
        _trigger = new Slot(gate.WaitAsync, gate.Exit);
        _state = new Slot(_stateLock.WaitAsync, () => _stateLock.Release());
    }

    public bool RequiresConnection => false;

    public async ValueTask<bool> AcquireLock(Guid requestorId, ConnectionAndTransactionHolder? conn, SchedulerLock lockKind, CancellationToken cancellationToken = default)
    {
        var slot = SlotOf(lockKind);
        if (slot.IsHeldBy(requestorId))
        {
            return false;
        }

        await slot.Wait(cancellationToken).ConfigureAwait(false);
        slot.Holder = requestorId;
        return true;
    }

    public ValueTask ReleaseLock(Guid requestorId, SchedulerLock lockKind, CancellationToken cancellationToken = default)
    {
        var slot = SlotOf(lockKind);
        if (slot.IsHeldBy(requestorId))
        {
            slot.Holder = null;
            slot.Release();
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose() => _stateLock.Dispose();

    private Slot SlotOf(SchedulerLock lockKind) => lockKind == SchedulerLock.StateAccess ? _state : _trigger;

    private sealed class Slot(Func<CancellationToken, Task> wait, Action release)
    {
        // The operation holding the lock (boxed so the read is atomic); only the holder writes it.
        private object? _holder;

        public Func<CancellationToken, Task> Wait { get; } = wait;

        public Action Release { get; } = release;

        public object? Holder
        {
            get => Volatile.Read(ref _holder);
            set => Volatile.Write(ref _holder, value);
        }

        public bool IsHeldBy(Guid requestorId) => Holder is Guid holder && holder == requestorId;
    }
}
