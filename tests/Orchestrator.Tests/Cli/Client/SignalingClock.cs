using Tests.Common;

namespace Orchestrator.Cli.Client.Tests;

/// <summary>
/// A <see cref="TestClock"/> that says when someone starts waiting on it (a timer is created): the test advances
/// time only once the watcher sleeps, instead of guessing with delays.
/// </summary>
internal sealed class SignalingClock : TimeProvider
{
    private readonly SemaphoreSlim _timers = new(0);

    public TestClock Clock { get; } = new();

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Clock.CreateTimer(callback, state, dueTime, period);
        _timers.Release();
        return timer;
    }

    /// <summary>Waits (generously, for a loaded machine) until a timer was created since the last call.</summary>
    public async Task WaitForSleeperAsync()
    {
        if (!await _timers.WaitAsync(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException("nobody waited on the clock within 2 minutes");
        }
    }
}
