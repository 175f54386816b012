using System.Security.Cryptography;
using System.Text;

namespace ScoringServer;

/// <summary>
/// The host's loopback routes: <c>GET /health</c> is the readiness probe (never ready with fail_start, nor before the
/// warm-up finished), and <c>POST /faults</c> replaces the injected faults at run time, guarded by the control token
/// the host set.
/// </summary>
internal sealed partial class ControlEndpoint(FaultState faults, WarmUp warmUp, string? controlToken, ILogger<ControlEndpoint> logger)
{
    /// <summary>Readiness: 200 once the model is loaded (it is, or the process would have exited) and warm; 503 under fail_start.</summary>
    public Task HealthAsync(HttpContext context)
    {
        // The port is announced after the warm-up, so the host never sees "warming up"; a caller guessing the port might.
        var answer = faults.Current.FailStart ? "not ready (injected fail_start)" : warmUp.IsDone ? null : "not ready (warming up)";
        context.Response.StatusCode = answer is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return context.Response.WriteAsync(answer ?? "ready", context.RequestAborted);
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
