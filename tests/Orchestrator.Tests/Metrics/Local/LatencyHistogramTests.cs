namespace Orchestrator.Metrics.Local.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void IndexOf_LatenciesFromMicrosecondsToMinutes_RepresentativeIsWithinFourAndAHalfPercent()
    {
        // 10,000 log-spaced latencies from 2 µs to 10 minutes.
        for (var i = 0; i <= 10_000; i++)
        {
            var latency = 0.002 * Math.Pow(600_000 / 0.002, i / 10_000.0);
            var representative = LatencyHistogram.RepresentativeMs(LatencyHistogram.IndexOf(latency));
            Assert.True(Math.Abs(representative - latency) / latency <= 0.045, $"{latency} ms is represented by {representative} ms");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void IndexOf_ZeroNegativeOrNaN_FallsInTheFirstBucket(double latency) =>
        Assert.Equal(0, LatencyHistogram.IndexOf(latency));

    [Fact]
    public void IndexOf_SlowerThanTheLastEdge_FallsInTheLastBucket() =>
        Assert.Equal(LatencyHistogram.BucketCount - 1, LatencyHistogram.IndexOf(TimeSpan.FromHours(5).TotalMilliseconds));

    [Theory]
    [InlineData(0.50, 500)]
    [InlineData(0.95, 950)]
    [InlineData(0.99, 990)]
    [InlineData(1.00, 1000)]
    public void Percentile_OneToThousandMilliseconds_IsTheNearestRankWithinTheBucketError(double quantile, double expected)
    {
        var counts = new long[LatencyHistogram.BucketCount];
        for (var ms = 1; ms <= 1000; ms++)
        {
            counts[LatencyHistogram.IndexOf(ms)]++;
        }

        var percentile = LatencyHistogram.Percentile(counts, quantile)!.Value;

        Assert.InRange(percentile, expected * 0.955, expected * 1.045);
    }

    [Fact]
    public void Percentile_NoCounts_IsNull() =>
        Assert.Null(LatencyHistogram.Percentile(new long[LatencyHistogram.BucketCount], 0.99));
}
