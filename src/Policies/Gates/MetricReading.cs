namespace Policies.Gates;

/// <summary>What a metric source answered for one metric of one deployment over one window.</summary>
/// <param name="Value">The value; null when there was no data or the source failed.</param>
/// <param name="Samples">How many requests the value stands on.</param>
/// <param name="Error">The source's error, when it failed.</param>
public sealed record MetricReading(double? Value, long Samples, string? Error)
{
    /// <summary>True when the source failed to answer.</summary>
    public bool IsUnavailable => Error is not null;

    /// <summary>A value over some samples.</summary>
    public static MetricReading Of(double value, long samples) => new(value, samples, null);

    /// <summary>The source answered, but had nothing for the window.</summary>
    public static MetricReading NoData { get; } = new(null, 0, null);

    /// <summary>The source failed.</summary>
    public static MetricReading Unavailable(string error) => new(null, 0, error);
}
