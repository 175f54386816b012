using System.Collections.Concurrent;
using System.Globalization;

namespace Orchestrator.Metrics.Local;

/// <summary>
/// One local endpoint's measurements: per deployment and traffic kind, requests by status and a latency
/// histogram in per-second buckets over the retention (at least 15 minutes), for windows from seconds to minutes.
/// Timestamps come from the injected <see cref="TimeProvider"/>, so a test clock places requests in windows.
/// </summary>
public sealed class RequestMeasurements
{
    // Deployment names compare case-insensitively, as Azure ML lower-cases them; one series per traffic kind.
    private readonly ConcurrentDictionary<string, RequestSeries[]> _series = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _clock;
    private readonly int _retentionSeconds;

    /// <summary>Creates empty measurements.</summary>
    public RequestMeasurements(TimeProvider clock, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, TimeSpan.FromSeconds(1));
        _clock = clock;
        _retentionSeconds = (int)Math.Ceiling(retention.TotalSeconds);
    }

    /// <summary>Records one finished request now.</summary>
    /// <param name="deployment">The deployment that served it.</param>
    /// <param name="kind">Live, pinned or mirrored.</param>
    /// <param name="status">The status the client saw (for mirrored requests: the one it would have seen).</param>
    /// <param name="modelStatus">The deployment's own status; 0 when the host answered for it (no instance, timeout).</param>
    /// <param name="latency">From receiving the request to having the deployment's answer.</param>
    public void Record(string deployment, TrafficKind kind, int status, int modelStatus, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        // Every scoring request records here: look up first, so the factory (a closure) is only made for a new deployment.
        if (!_series.TryGetValue(deployment, out var series))
        {
            series = _series.GetOrAdd(deployment, _ => [.. Enum.GetValues<TrafficKind>().Select(_ => new RequestSeries(_retentionSeconds))]);
        }

        series[(int)kind].Record(_clock.GetUtcNow().ToUnixTimeSeconds(), status, modelStatus, latency.TotalMilliseconds);
    }

    /// <summary>A deployment's requests in the whole seconds that overlap [<paramref name="start"/>, <paramref name="end"/>).</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="start">Window start.</param>
    /// <param name="end">Window end (exclusive).</param>
    /// <param name="kinds">The traffic kinds to include; null for all.</param>
    public WindowStatistics Query(string deployment, DateTimeOffset start, DateTimeOffset end, IReadOnlySet<TrafficKind>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var statistics = new WindowStatistics();
        var from = start.ToUnixTimeSeconds();
        var to = CeilingSeconds(end);
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (_series.TryGetValue(deployment, out var series))
        {
            foreach (var kind in Enum.GetValues<TrafficKind>())
            {
                if (kinds is null || kinds.Contains(kind))
                {
                    series[(int)kind].AddTo(statistics, from, to, now);
                }
            }
        }

        return statistics;
    }

    /// <summary>Writes the totals since start in Prometheus text format (counters and histograms).</summary>
    public void WritePrometheus(TextWriter writer, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var series = _series.OrderBy(s => s.Key, StringComparer.Ordinal)
            .SelectMany(s => Enum.GetValues<TrafficKind>().Select(kind => (Deployment: s.Key, Kind: kind, Totals: s.Value[(int)kind].Totals())))
            .Where(s => s.Totals.Count > 0)
            .Select(s => (Labels: $"endpoint=\"{Escape(endpoint)}\",deployment=\"{Escape(s.Deployment)}\",traffic=\"{Kind(s.Kind)}\"", s.Totals))
            .ToList();

        writer.Write("# HELP local_endpoint_requests_total Scoring requests by deployment, traffic kind and status (status_code: what the client saw; model_status_code: what the deployment answered, none when the host answered for it).\n");
        writer.Write("# TYPE local_endpoint_requests_total counter\n");
        foreach (var (labels, totals) in series)
        {
            foreach (var ((status, modelStatus), count) in totals.ByStatus)
            {
                var model = modelStatus > 0 ? modelStatus.ToString(CultureInfo.InvariantCulture) : "none";
                writer.Write(Invariant($"local_endpoint_requests_total{{{labels},status_code=\"{status}\",status_class=\"{status / 100}xx\",model_status_code=\"{model}\"}} {count}\n"));
            }
        }

        writer.Write("# HELP local_endpoint_request_duration_milliseconds Time from receiving a scoring request to having the deployment's answer.\n");
        writer.Write("# TYPE local_endpoint_request_duration_milliseconds histogram\n");
        foreach (var (labels, totals) in series)
        {
            long cumulative = 0;
            for (var i = 0; i < RequestSeries.PrometheusEdgesMs.Length; i++)
            {
                cumulative += totals.EdgeCounts[i];
                writer.Write(Invariant($"local_endpoint_request_duration_milliseconds_bucket{{{labels},le=\"{RequestSeries.PrometheusEdgesMs[i]}\"}} {cumulative}\n"));
            }

            writer.Write(Invariant($"local_endpoint_request_duration_milliseconds_bucket{{{labels},le=\"+Inf\"}} {totals.Count}\n"));
            writer.Write(Invariant($"local_endpoint_request_duration_milliseconds_sum{{{labels}}} {totals.SumMs}\n"));
            writer.Write(Invariant($"local_endpoint_request_duration_milliseconds_count{{{labels}}} {totals.Count}\n"));
        }
    }

    /// <summary>Escapes a Prometheus label value.</summary>
    internal static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Kind(TrafficKind kind) => kind switch
    {
        TrafficKind.Live => "live",
        TrafficKind.Pinned => "pinned",
        TrafficKind.Mirrored => "mirrored",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static long CeilingSeconds(DateTimeOffset instant)
    {
        var seconds = instant.ToUnixTimeSeconds();
        return instant.UtcTicks % TimeSpan.TicksPerSecond == 0 ? seconds : seconds + 1;
    }
}
