namespace Orchestrator.Metrics.Local;

/// <summary>
/// Bucket arithmetic of a log-scale latency histogram: 8 buckets per doubling from 1 µs up to about 18 minutes,
/// so a percentile read from bucket counts is within ±4.4% of the true value at any scale, and merging windows is
/// adding counts.
/// </summary>
public static class LatencyHistogram
{
    /// <summary>Buckets per doubling of latency.</summary>
    public const int BucketsPerOctave = 8;

    /// <summary>The number of buckets (30 doublings above <see cref="SmallestMs"/>).</summary>
    public const int BucketCount = 30 * BucketsPerOctave;

    /// <summary>The lower edge of bucket 1; anything faster falls in bucket 0.</summary>
    public const double SmallestMs = 0.001;

    /// <summary>The bucket a latency falls in (slower than the last edge: the last bucket).</summary>
    public static int IndexOf(double milliseconds)
    {
        if (!(milliseconds > SmallestMs))
        {
            return 0;
        }

        var index = (int)(Math.Log2(milliseconds / SmallestMs) * BucketsPerOctave);
        return Math.Clamp(index, 0, BucketCount - 1);
    }

    /// <summary>The value that stands for a bucket: its geometric midpoint.</summary>
    public static double RepresentativeMs(int index) => SmallestMs * Math.Pow(2, (index + 0.5) / BucketsPerOctave);

    /// <summary>The <paramref name="quantile"/> (0..1] of the latencies counted in <paramref name="counts"/>; null when empty.</summary>
    public static double? Percentile(ReadOnlySpan<long> counts, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        // Nearest rank: the smallest value with at least quantile × total values at or below it.
        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return RepresentativeMs(i);
            }
        }

        return RepresentativeMs(counts.Length - 1);
    }
}
