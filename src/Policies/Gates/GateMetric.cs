using System.Text.Json.Serialization;
using Policies.Documents;

namespace Policies.Gates;

/// <summary>
/// The metrics a gate can watch. Each member's one name, in policy files, plans, the API, <c>run --json</c> and stored
/// rows alike, is its <see cref="JsonStringEnumMemberNameAttribute"/> (read by <see cref="Loading.GateMetricNames"/>).
/// </summary>
[JsonConverter(typeof(NamedEnumConverter))]
public enum GateMetric
{
    /// <summary>Median latency in milliseconds.</summary>
    [JsonStringEnumMemberName("latency_p50_ms")]
    LatencyP50Ms,

    /// <summary>95th percentile latency in milliseconds.</summary>
    [JsonStringEnumMemberName("latency_p95_ms")]
    LatencyP95Ms,

    /// <summary>99th percentile latency in milliseconds.</summary>
    [JsonStringEnumMemberName("latency_p99_ms")]
    LatencyP99Ms,

    /// <summary>Share of requests answered 5xx, in percent (0..100).</summary>
    [JsonStringEnumMemberName("error_rate_5xx")]
    ErrorRate5xx,

    /// <summary>Share of requests answered 4xx, in percent (0..100).</summary>
    [JsonStringEnumMemberName("error_rate_4xx")]
    ErrorRate4xx,

    /// <summary>Requests per second.</summary>
    [JsonStringEnumMemberName("request_rate")]
    RequestRate,
}
