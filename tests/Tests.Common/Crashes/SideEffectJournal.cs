namespace Tests.Common.Crashes;

/// <summary>
/// Every side-effecting call that took effect, in order, across every host of one run: like the endpoint, it outlives
/// a crash of the orchestrator, so a test can check invariants over the whole history, before and after the crash.
/// </summary>
public sealed class SideEffectJournal
{
    private readonly Lock _gate = new();
    private readonly List<SideEffect> _entries = [];

    /// <summary>The calls that took effect, oldest first.</summary>
    public IReadOnlyList<SideEffect> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Records one call that took effect; the sequence number is assigned here.</summary>
    public void Record(SideEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        lock (_gate)
        {
            _entries.Add(effect with { Sequence = _entries.Count + 1 });
        }
    }
}
