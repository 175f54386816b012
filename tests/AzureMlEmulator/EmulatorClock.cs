namespace AzureMlEmulator;

/// <summary>The system clock, unless a test freezes it at an instant and moves it by hand.</summary>
public sealed class EmulatorClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _frozen;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _frozen ?? System.GetUtcNow();
        }
    }

    /// <summary>Stops the clock at an instant.</summary>
    public void Freeze(DateTimeOffset instant)
    {
        lock (_gate)
        {
            _frozen = instant;
        }
    }

    /// <summary>Moves a frozen clock forward (freezing it at the current time first if it runs).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _frozen = (_frozen ?? System.GetUtcNow()) + by;
        }
    }

    /// <summary>Lets the clock follow the system clock again.</summary>
    public void Unfreeze()
    {
        lock (_gate)
        {
            _frozen = null;
        }
    }
}
