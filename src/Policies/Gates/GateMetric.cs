namespace Policies.Gates;

/// <summary>The metrics a gate can watch. YAML names: <c>latency_p50_ms</c>, <c>latency_p95_ms</c>, <c>latency_p99_ms</c>, <c>error_rate_5xx</c>, <c>error_rate_4xx</c>, <c>request_rate</c>.</summary>
public enum GateMetric
{
    /// <summary>Median latency in milliseconds.</summary>
    LatencyP50Ms,

    /// <summary>95th percentile latency in milliseconds.</summary>
    LatencyP95Ms,

    /// <summary>99th percentile latency in milliseconds.</summary>
    LatencyP99Ms,

    /// <summary>Share of requests answered 5xx, in percent (0..100).</summary>
    ErrorRate5xx,

    /// <summary>Share of requests answered 4xx, in percent (0..100).</summary>
    ErrorRate4xx,

    /// <summary>Requests per second.</summary>
    RequestRate,
}
