namespace Worker.Hosting;

/// <summary>
/// One writer at a time, in this process, on the SQLite file that the rollout store and the Quartz job store
/// share. SQLite has a single write lock per file; writers that meet it held wait in SQLite's busy handler, which
/// polls with sleeps that grow to 100 ms and serves nobody in order. Waiting here instead hands the lock to the next
/// writer as soon as the previous one commits, first come first served (docs/benchmarks.md, scale). Readers never
/// take it: WAL readers do not block on the writer.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the gate; dispose the answer to let the next writer in.</summary>
    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(this);
    }

    /// <summary>Frees the gate (the counterpart of <see cref="EnterAsync"/> for callers that cannot hold a <see cref="Releaser"/>).</summary>
    internal void Exit() => _gate.Release();

    /// <summary>Waits for the gate without a releaser (the Quartz lock handler releases from another call).</summary>
    internal Task WaitAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>Holds the gate until disposed.</summary>
    public readonly struct Releaser : IDisposable
    {
        private readonly SqliteWriteGate? _owner;

        internal Releaser(SqliteWriteGate owner) => _owner = owner;

        /// <inheritdoc />
        public void Dispose() => _owner?.Exit();
    }
}
