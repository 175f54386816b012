namespace AzureMlEmulator;

/// <summary>The endpoint-scope metrics (contract §4.2) and how the emulator computes each from recorded requests.</summary>
internal sealed record MetricDefinition(string Name, string DisplayName, string Description, string Unit, IReadOnlyList<string> Dimensions, Func<IReadOnlyList<ScoringRecord>, TimeSpan, double?> Value)
{
    public const string Namespace = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints";

    private static readonly string[] RequestDimensions = ["deployment", "statusCode", "statusCodeClass", "modelStatusCode"];
    private static readonly string[] LatencyDimensions = ["deployment"];

    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        Latency("RequestLatency", "Request Latency", null),
        Latency("RequestLatency_P50", "Request Latency P50", 50),
        Latency("RequestLatency_P90", "Request Latency P90", 90),
        Latency("RequestLatency_P95", "Request Latency P95", 95),
        Latency("RequestLatency_P99", "Request Latency P99", 99),
        new("RequestsPerMinute", "Requests Per Minute", "The number of requests sent to online endpoint within a minute", "Count", RequestDimensions, (records, grain) => records.Count / Math.Max(1, grain.TotalMinutes)),
        NoData("ConnectionsActive", "Connections Active", "Count", []),
        NoData("NetworkBytes", "Network Bytes", "BytesPerSecond", []),
        NoData("NewConnectionsPerSecond", "New Connections Per Second", "CountPerSecond", []),
        NoData("DataCollectionEventsPerMinute", "Data Collection Events Per Minute", "Count", ["deployment", "type"]),
        NoData("DataCollectionErrorsPerMinute", "Data Collection Errors Per Minute", "Count", ["deployment", "reason", "type"]),
    ];

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A record's value of one dimension.</summary>
    public static string DimensionValue(ScoringRecord record, string dimension) => dimension.ToUpperInvariant() switch
    {
        "DEPLOYMENT" => record.Deployment,
        "STATUSCODE" => record.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "STATUSCODECLASS" => record.StatusCodeClass,
        "MODELSTATUSCODE" => record.ModelStatusCode,
        _ => "",
    };

    private static MetricDefinition Latency(string name, string display, int? percentile) => new(
        name,
        display,
        percentile is null ? "The average complete interval of time taken for a request to be responded in milliseconds" : $"The P{percentile} of the time taken for a request to be responded in milliseconds",
        "MilliSeconds",
        LatencyDimensions,
        (records, _) => percentile is { } p ? Percentile(records, p) : records.Average(r => r.LatencyMs));

    private static MetricDefinition NoData(string name, string display, string unit, string[] dimensions) =>
        new(name, display, display, unit, dimensions, (_, _) => null);

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IReadOnlyList<ScoringRecord> records, int percentile)
    {
        var sorted = records.Select(r => r.LatencyMs).Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
