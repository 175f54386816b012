namespace Orchestrator.Metrics.Local;

/// <summary>
/// The requests of one deployment and one traffic kind: a ring of per-second buckets (counts by class and a
/// latency histogram) covering the retention, for sliding windows, plus totals since start, for Prometheus.
/// </summary>
internal sealed class RequestSeries
{
    /// <summary>Prometheus histogram edges in milliseconds (the fine histogram backs the windows).</summary>
    public static readonly double[] PrometheusEdgesMs = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly Lock _lock = new();
    private readonly Slot[] _ring;
    private readonly Dictionary<(int Status, int ModelStatus), long> _byStatus = [];
    private readonly long[] _edgeCounts = new long[PrometheusEdgesMs.Length + 1];
    private double _latencySumMs;
    private long _count;

    public RequestSeries(int retentionSeconds)
    {
        _ring = new Slot[retentionSeconds + 1];
        for (var i = 0; i < _ring.Length; i++)
        {
            _ring[i] = new Slot();
        }
    }

    /// <summary>Records one request at a whole second (Unix time).</summary>
    /// <param name="second">When it completed.</param>
    /// <param name="status">The status the client saw (424 when the model failed).</param>
    /// <param name="modelStatus">The deployment's own status, 0 when it did not answer (the host answered for it).</param>
    /// <param name="latencyMs">Time from receiving the request to having the deployment's answer.</param>
    public void Record(long second, int status, int modelStatus, double latencyMs)
    {
        var effective = modelStatus > 0 ? modelStatus : status;
        var bucket = LatencyHistogram.IndexOf(latencyMs);
        var edge = Array.BinarySearch(PrometheusEdgesMs, latencyMs);
        edge = edge >= 0 ? edge : ~edge;
        lock (_lock)
        {
            var slot = _ring[(int)(second % _ring.Length)];
            if (slot.Second != second)
            {
                slot.Reset(second);
            }

            slot.Requests++;
            slot.ClientErrors += effective is >= 400 and < 500 ? 1 : 0;
            slot.ServerErrors += effective >= 500 ? 1 : 0;
            slot.Latency ??= new int[LatencyHistogram.BucketCount];
            slot.Latency[bucket]++;

            _byStatus[(status, modelStatus)] = _byStatus.GetValueOrDefault((status, modelStatus)) + 1;
            _edgeCounts[edge]++;
            _latencySumMs += latencyMs;
            _count++;
        }
    }

    /// <summary>Adds the seconds in [<paramref name="fromSecond"/>, <paramref name="toSecond"/>) that are still retained at <paramref name="nowSecond"/>.</summary>
    public void AddTo(WindowStatistics statistics, long fromSecond, long toSecond, long nowSecond)
    {
        lock (_lock)
        {
            // Only the last ring length of seconds before now is retained, whether or not a slot was overwritten yet.
            var first = Math.Max(fromSecond, nowSecond - _ring.Length + 1);
            for (var second = Math.Max(first, 0); second < toSecond; second++)
            {
                var slot = _ring[(int)(second % _ring.Length)];
                if (slot.Second == second && slot.Requests > 0)
                {
                    statistics.Add(slot.Requests, slot.ClientErrors, slot.ServerErrors, slot.Latency);
                }
            }
        }
    }

    /// <summary>Totals since start: requests by (status, model status), Prometheus bucket counts (not cumulative), latency sum and count.</summary>
    public (KeyValuePair<(int Status, int ModelStatus), long>[] ByStatus, long[] EdgeCounts, double SumMs, long Count) Totals()
    {
        lock (_lock)
        {
            return ([.. _byStatus.OrderBy(e => e.Key.Status).ThenBy(e => e.Key.ModelStatus)], [.. _edgeCounts], _latencySumMs, _count);
        }
    }

    private sealed class Slot
    {
        public long Second { get; private set; } = -1;

        public long Requests { get; set; }

        public long ClientErrors { get; set; }

        public long ServerErrors { get; set; }

        public int[]? Latency { get; set; }

        public void Reset(long second)
        {
            Second = second;
            Requests = 0;
            ClientErrors = 0;
            ServerErrors = 0;
            if (Latency is not null)
            {
                Array.Clear(Latency);
            }
        }
    }
}
