using System.Security.Cryptography;
using System.Text;

namespace ScoringServer;

/// <summary>
/// The host's loopback routes: <c>GET /health</c> is the readiness probe (never ready with fail_start), and
/// <c>POST /faults</c> replaces the injected faults at run time, guarded by the control token the host set.
/// </summary>
internal sealed partial class ControlEndpoint(FaultState faults, string? controlToken, ILogger<ControlEndpoint> logger)
{
    /// <summary>Readiness: 200 once the model is loaded (it is, or the process would have exited), 503 under fail_start.</summary>
    public Task HealthAsync(HttpContext context)
    {
        var failing = faults.Current.FailStart;
        context.Response.StatusCode = failing ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return context.Response.WriteAsync(failing ? "not ready (injected fail_start)" : "ready", context.RequestAborted);
    }

    /// <summary>Replaces the faults with the JSON body; 403 without the right token, 400 naming every bad field.</summary>
    public async Task SetFaultsAsync(HttpContext context)
    {
        if (controlToken is null || !TokenMatches(context.Request.Headers[ScoringProtocol.ControlTokenHeader].ToString(), controlToken))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var problems = new List<string>();
        var settings = FaultSettings.Parse(body, problems);
        if (problems.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(string.Join("; ", problems), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        faults.Set(settings);
        Log.FaultsChanged(logger, settings.LatencyMeanMs, settings.LatencyStdDevMs, settings.ErrorRate, settings.CrashAfterRequests, settings.FailStart);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static bool TokenMatches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private static partial class Log
    {
        [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Faults changed: latency {MeanMs}±{StdDevMs} ms, error rate {ErrorRate}, crash after {CrashAfter}, fail_start {FailStart}")]
        public static partial void FaultsChanged(ILogger logger, double meanMs, double stdDevMs, double errorRate, int? crashAfter, bool failStart);
    }
}
