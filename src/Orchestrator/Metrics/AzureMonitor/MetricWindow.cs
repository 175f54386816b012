namespace Orchestrator.Metrics.AzureMonitor;

/// <summary>
/// A query window aligned to Azure Monitor's PT1M grain: both ends floored to the minute, and the end never past
/// the start of the current minute, because the newest minute is still filling and would under-count.
/// </summary>
/// <param name="Start">Inclusive, on a minute boundary.</param>
/// <param name="End">Exclusive, on a minute boundary.</param>
public sealed record MetricWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The window's length.</summary>
    public TimeSpan Length => End - Start;

    /// <summary>The aligned window, or null when no complete minute is left.</summary>
    public static MetricWindow? Align(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var alignedStart = Floor(start);
        var alignedEnd = Floor(end < now ? end : now);
        return alignedEnd > alignedStart ? new MetricWindow(alignedStart, alignedEnd) : null;
    }

    /// <summary>True when a data point's minute lies in the window.</summary>
    public bool Contains(DateTimeOffset timestamp) => timestamp >= Start && timestamp < End;

    /// <summary>ISO-8601 interval as the metrics API's <c>timespan</c> parameter wants it.</summary>
    public string ToTimespan() =>
        $"{Start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}/{End.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    private static DateTimeOffset Floor(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }
}
