using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoringServer;

/// <summary>
/// Injected faults as they cross the process boundary (the host maps its <c>FaultInjection</c> onto this wire
/// shape, see docs/local-host.md): added latency (normal, never below zero), an HTTP 500 rate, a crash after
/// N requests and a start that never becomes ready.
/// </summary>
/// <param name="LatencyMeanMs">Added latency per request, mean in milliseconds.</param>
/// <param name="LatencyStdDevMs">Standard deviation of the added latency in milliseconds.</param>
/// <param name="ErrorRate">Fraction (0..1) of requests answered with HTTP 500.</param>
/// <param name="CrashAfterRequests">The process exits after serving this many requests.</param>
/// <param name="FailStart">The readiness probe never passes.</param>
public sealed record FaultSettings(
    double LatencyMeanMs = 0,
    double LatencyStdDevMs = 0,
    double ErrorRate = 0,
    int? CrashAfterRequests = null,
    bool FailStart = false)
{
    /// <summary>No faults.</summary>
    public static FaultSettings None { get; } = new();

    /// <summary>Parses and checks the wire JSON, adding every problem to <paramref name="problems"/>.</summary>
    internal static FaultSettings Parse(string json, List<string> problems)
    {
        FaultSettings? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(json, FaultSettingsJsonContext.Default.FaultSettings);
        }
        catch (JsonException ex)
        {
            problems.Add($"faults: not valid JSON ({ex.Message})");
            return None;
        }

        if (parsed is null)
        {
            problems.Add("faults: null");
            return None;
        }

        var before = problems.Count;
        if (parsed.LatencyMeanMs < 0 || double.IsNaN(parsed.LatencyMeanMs))
        {
            problems.Add($"faults.latencyMeanMs: {parsed.LatencyMeanMs} must be >= 0");
        }

        if (parsed.LatencyStdDevMs < 0 || double.IsNaN(parsed.LatencyStdDevMs))
        {
            problems.Add($"faults.latencyStdDevMs: {parsed.LatencyStdDevMs} must be >= 0");
        }

        if (parsed.ErrorRate is < 0 or > 1 || double.IsNaN(parsed.ErrorRate))
        {
            problems.Add($"faults.errorRate: {parsed.ErrorRate} must be within 0..1");
        }

        if (parsed.CrashAfterRequests is < 1)
        {
            problems.Add($"faults.crashAfterRequests: {parsed.CrashAfterRequests} must be >= 1");
        }

        return problems.Count == before ? parsed : None;
    }
}

/// <summary>Source-generated JSON for the wire types (fast start, no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FaultSettings))]
public sealed partial class FaultSettingsJsonContext : JsonSerializerContext;
