namespace Orchestrator.Metrics.AzureMonitor.Tests;

public sealed class MetricWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Align_UnalignedEnds_FloorsBothToTheMinute()
    {
        var window = MetricWindow.Align(T0.AddSeconds(30), T0.AddMinutes(5).AddSeconds(42), T0.AddHours(1));

        Assert.Equal(new MetricWindow(T0, T0.AddMinutes(5)), window);
        Assert.Equal("2026-01-01T10:00:00Z/2026-01-01T10:05:00Z", window!.ToTimespan());
    }

    [Fact]
    public void Align_EndAfterNow_StopsBeforeTheStillFillingMinute()
    {
        var window = MetricWindow.Align(T0, T0.AddMinutes(10), now: T0.AddMinutes(3).AddSeconds(20));

        Assert.Equal(T0.AddMinutes(3), window!.End);
    }

    [Fact]
    public void Align_OnlyTheCurrentMinute_IsEmpty()
    {
        Assert.Null(MetricWindow.Align(T0.AddSeconds(5), T0.AddSeconds(50), now: T0.AddSeconds(55)));
    }

    [Fact]
    public void Align_OtherOffset_ComparesInUtc()
    {
        var local = new DateTimeOffset(2026, 1, 1, 11, 0, 30, TimeSpan.FromHours(1));

        var window = MetricWindow.Align(local, local.AddMinutes(2), T0.AddHours(1));

        Assert.Equal(T0, window!.Start);
        Assert.Equal(TimeSpan.Zero, window.Start.Offset);
        Assert.True(window.Contains(T0.AddMinutes(1)));
        Assert.False(window.Contains(T0.AddMinutes(2)));
    }
}
