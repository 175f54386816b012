namespace Orchestrator.Metrics.Local;

/// <summary>Requests of one deployment over a window: counts by status class and a latency histogram.</summary>
public sealed class WindowStatistics
{
    private readonly long[] _latency = new long[LatencyHistogram.BucketCount];

    /// <summary>All requests in the window.</summary>
    public long Requests { get; private set; }

    /// <summary>Requests the deployment answered 4xx (or the host answered 4xx for it, such as a timeout).</summary>
    public long ClientErrors { get; private set; }

    /// <summary>Requests the deployment answered 5xx (or the host answered 5xx for it, such as a crashed instance).</summary>
    public long ServerErrors { get; private set; }

    /// <summary>Latency bucket counts (see <see cref="LatencyHistogram"/>).</summary>
    public ReadOnlySpan<long> LatencyCounts => _latency;

    /// <summary>A latency percentile in milliseconds; null when the window holds no request.</summary>
    public double? LatencyPercentileMs(double quantile) => LatencyHistogram.Percentile(_latency, quantile);

    /// <summary>Adds one second's (or one series') counts.</summary>
    internal void Add(long requests, long clientErrors, long serverErrors, ReadOnlySpan<int> latency)
    {
        Requests += requests;
        ClientErrors += clientErrors;
        ServerErrors += serverErrors;
        for (var i = 0; i < latency.Length; i++)
        {
            _latency[i] += latency[i];
        }
    }
}
