namespace Tests.Common.Crashes;

/// <summary>
/// One host's life: counts the side-effecting calls made through it and, once armed, kills the host at the N-th,
/// before or after the call takes effect. After it blew, every further call of that host fails the same way: a dead
/// process makes no more calls, even if some code swallowed the crash. A new host gets a new fuse.
/// </summary>
public sealed class CrashFuse
{
    private readonly Lock _gate = new();
    private int _calls;
    private int _crashAt;
    private CrashMoment _moment;
    private bool _armed;

    /// <summary>Side-effecting calls counted since <see cref="Arm"/> (or since creation, when never armed).</summary>
    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls;
            }
        }
    }

    /// <summary>Where the crash struck (call number, kind, subject, moment), or null while the host lives.</summary>
    public string? BlownAt { get; private set; }

    /// <summary>True once the crash struck.</summary>
    public bool Blown => BlownAt is not null;

    /// <summary>The crash that struck: a test can tell it from a later call refused because the host is dead (which means the product swallowed it).</summary>
    public SimulatedCrashException? Crash { get; private set; }

    /// <summary>Starts counting from zero and crashes at call <paramref name="callNumber"/> (1-based) at <paramref name="moment"/>.</summary>
    public void Arm(int callNumber, CrashMoment moment)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(callNumber, 1);
        lock (_gate)
        {
            (_calls, _crashAt, _moment, _armed) = (0, callNumber, moment, true);
        }
    }

    /// <summary>Runs one side-effecting call through the fuse.</summary>
    public async Task<T> RunAsync<T>(SideEffectKind kind, string subject, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var strikes = Count(kind, subject, out var where);
        if (strikes && _moment == CrashMoment.Before)
        {
            throw Blow(where);
        }

        var result = await call();
        if (strikes)
        {
            throw Blow(where);
        }

        return result;
    }

    /// <summary>Runs one side-effecting call that answers nothing through the fuse.</summary>
    public Task RunAsync(SideEffectKind kind, string subject, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync(kind, subject, async () =>
        {
            await call();
            return true;
        });
    }

    private bool Count(SideEffectKind kind, string subject, out string where)
    {
        lock (_gate)
        {
            if (BlownAt is { } blown)
            {
                throw new SimulatedCrashException($"the host is dead (crashed at {blown}); {kind} {subject} never ran");
            }

            _calls++;
            where = $"call {_calls} ({kind} {subject}) {_moment.ToString().ToLowerInvariant()} it took effect";
            return _armed && _calls == _crashAt;
        }
    }

    private SimulatedCrashException Blow(string where)
    {
        var crash = new SimulatedCrashException($"simulated crash at {where}");
        lock (_gate)
        {
            (BlownAt, Crash) = (where, crash);
        }

        return crash;
    }
}
