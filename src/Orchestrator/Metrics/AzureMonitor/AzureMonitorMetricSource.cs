using System.Text.Json;
using Azure;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Orchestrator.Plans;
using Orchestrator.Targets.AzureMl;
using Policies.Gates;

namespace Orchestrator.Metrics.AzureMonitor;

/// <summary>
/// Gate metrics of an Azure ML online endpoint's deployments from Azure Monitor (contract §4): one
/// <c>Microsoft.Insights/metrics</c> call on the endpoint resource, filtered by <c>deployment</c>, over a window
/// aligned to PT1M without the still-filling minute. Latency comes from <c>RequestLatency_P50/_P95/_P99</c>;
/// error rates and request rate from <c>RequestsPerMinute</c> split by <c>statusCodeClass</c>. An empty answer is
/// <see cref="MetricReading.NoData"/>; a failed call is <see cref="MetricReading.Unavailable"/>, never an exception.
/// </summary>
public sealed partial class AzureMonitorMetricSource : IMetricSource
{
    private const string Namespace = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints";

    /// <inheritdoc />
    public bool AnswersExactWindows => false;

    private readonly ArmConnection _connection;
    private readonly AzureMlResourceIds _ids;
    private readonly ILogger _logger;

    internal AzureMonitorMetricSource(ArmConnection connection, TargetSpec target, ILogger logger)
    {
        _ids = AzureMlResourceIds.Of(target);
        _connection = connection;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var window = MetricWindow.Align(query.Start, query.End, _connection.TimeProvider.GetUtcNow());
        if (window is null)
        {
            return MetricReading.NoData;
        }

        try
        {
            var response = await _connection.SendAsync(RequestMethod.Get, BuildPath(query, window), _connection.Options.MetricsApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                var (code, message) = response.Error();
                return Unavailable(query, $"Azure Monitor answered HTTP {response.Status}: ({code}) {message}");
            }

            var series = MetricSeries.Parse(response.Json(), out var error);
            if (error is not null)
            {
                return Unavailable(query, $"Azure Monitor could not serve {error}");
            }

            var reading = AzureMonitorReading.Compute(query.Metric, series, window, AzureMlResourceIds.Normalize(query.Deployment));
            Log.Queried(_logger, query.Metric, query.Deployment, window.Start, window.End, reading.Value, reading.Samples);
            return reading;
        }
        catch (Exception e) when (e is AzureMlRequestException or RequestFailedException or HttpRequestException or IOException or JsonException or InvalidOperationException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Unavailable(query, $"Azure Monitor query failed: {e.Message}");
        }
    }

    private string BuildPath(MetricQuery query, MetricWindow window)
    {
        var deployment = AzureMlResourceIds.Normalize(query.Deployment).Replace("'", "''", StringComparison.Ordinal);
        var latency = AzureMonitorReading.LatencyMetricOf(query.Metric);
        var names = latency is null ? AzureMonitorReading.RequestsPerMinute : $"{latency},{AzureMonitorReading.RequestsPerMinute}";
        var filter = latency is null && query.Metric != GateMetric.RequestRate
            ? $"deployment eq '{deployment}' and statusCodeClass eq '*'"
            : $"deployment eq '{deployment}'";
        return $"{_ids.Metrics}?metricnamespace={Uri.EscapeDataString(Namespace)}&metricnames={Uri.EscapeDataString(names)}"
            + $"&timespan={Uri.EscapeDataString(window.ToTimespan())}&interval=PT1M&aggregation=average&$filter={Uri.EscapeDataString(filter)}";
    }

    private MetricReading Unavailable(MetricQuery query, string message)
    {
        Log.Unavailable(_logger, query.Metric, query.Deployment, message);
        return MetricReading.Unavailable(message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = AzureMlEventIds.MetricQueried, Level = LogLevel.Debug, Message = "Azure Monitor {Metric} of {Deployment} over [{Start}, {End}): {Value} from {Samples} requests")]
        public static partial void Queried(ILogger logger, GateMetric metric, string deployment, DateTimeOffset start, DateTimeOffset end, double? value, long samples);

        [LoggerMessage(EventId = AzureMlEventIds.MetricUnavailable, Level = LogLevel.Warning, Message = "Azure Monitor {Metric} of {Deployment} unavailable: {Reason}")]
        public static partial void Unavailable(ILogger logger, GateMetric metric, string deployment, string reason);
    }
}
