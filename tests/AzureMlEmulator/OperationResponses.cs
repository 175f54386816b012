using System.Globalization;

namespace AzureMlEmulator;

/// <summary>The headers that start or continue a long-running operation (contract §1.4).</summary>
internal static class OperationResponses
{
    public static void AsyncOperation(HttpContext context, EmulatorState state, string subscription, LongRunningOperation operation, string apiVersion)
    {
        context.Response.Headers["Azure-AsyncOperation"] = state.StatusUrl(subscription, operation, apiVersion);
        context.Response.Headers["x-ms-async-operation-timeout"] = "PT1H";
        RetryAfter(context, state.Knobs.RetryAfter);
    }

    public static void Location(HttpContext context, EmulatorState state, string subscription, LongRunningOperation operation, string apiVersion)
    {
        context.Response.Headers.Location = state.ResultUrl(subscription, operation, apiVersion);
        context.Response.Headers["x-ms-async-operation-timeout"] = "PT1H";
        RetryAfter(context, state.Knobs.RetryAfter);
    }

    /// <summary><c>Retry-After</c> in whole seconds (ARM), plus <c>retry-after-ms</c> when the knob is finer than that.</summary>
    public static void RetryAfter(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (retryAfter.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            context.Response.Headers["retry-after-ms"] = ((long)retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }
    }

    public static string ApiVersion(HttpContext context) => context.Request.Query["api-version"].ToString();
}
