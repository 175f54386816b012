using System.Globalization;

namespace AzureMlEmulator;

/// <summary>
/// What Resource Manager does around every control-plane call (contract §6): request ids and rate-limit headers,
/// bearer authentication, api-version checks, injected 429/503/409 answers, and the request log.
/// </summary>
internal sealed class ArmMiddleware(RequestDelegate next, EmulatorState state, RequestLog log)
{
    private int _reads = 12000;
    private int _writes = 1200;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var request = context.Request;
        var headers = context.Response.Headers;
        headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        headers["x-ms-correlation-request-id"] = request.Headers["x-ms-correlation-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
        if (string.Equals(request.Headers["x-ms-return-client-request-id"], "true", StringComparison.OrdinalIgnoreCase))
        {
            headers["x-ms-client-request-id"] = request.Headers["x-ms-client-request-id"].ToString();
        }

        if (HttpMethods.IsGet(request.Method))
        {
            headers["x-ms-ratelimit-remaining-subscription-reads"] = Math.Max(0, Interlocked.Decrement(ref _reads)).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            headers["x-ms-ratelimit-remaining-subscription-writes"] = Math.Max(0, Interlocked.Decrement(ref _writes)).ToString(CultureInfo.InvariantCulture);
        }

        string? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        context.Items[ArmResource.BodyItem] = body;
        var refusal = Refuse(context);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
        }
        else
        {
            await next(context);
        }

        log.Add(new LoggedRequest(state.Clock.GetUtcNow(), request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", body, context.Response.StatusCode));
    }

    private IResult? Refuse(HttpContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= "Bearer ".Length)
        {
            return ArmError.Result(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }

        if (state.Options.RequiredToken is { } required && !string.Equals(authorization["Bearer ".Length..], required, StringComparison.Ordinal))
        {
            return ArmError.Result(401, "InvalidAuthenticationToken", "The access token is invalid.");
        }

        var apiVersion = OperationResponses.ApiVersion(context);
        if (string.IsNullOrEmpty(apiVersion))
        {
            return ArmError.Result(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }

        var path = request.Path.Value ?? "";
        if (path.Contains("/providers/Microsoft.Insights/metrics", StringComparison.OrdinalIgnoreCase))
        {
            if (!state.Options.MetricsApiVersions.Contains(apiVersion, StringComparer.OrdinalIgnoreCase))
            {
                return ArmError.Result(400, "InvalidApiVersionParameter", $"The api-version '{apiVersion}' is invalid. The supported versions are '{string.Join(",", state.Options.MetricsApiVersions)}'.");
            }
        }
        else if (!state.Options.MachineLearningApiVersions.Contains(apiVersion, StringComparer.OrdinalIgnoreCase))
        {
            return ArmError.Result(400, "NoRegisteredProviderFound", $"No registered resource provider found for location '{state.Options.Location}' and API version '{apiVersion}' for type 'workspaces/onlineEndpoints'. The supported api-versions are '{string.Join(", ", state.Options.MachineLearningApiVersions)}'. The supported locations are '{state.Options.Location}'.");
        }

        if (state.Knobs.TakeThrottle())
        {
            OperationResponses.RetryAfter(context, state.Knobs.RetryAfter);
            return ArmError.Result(429, "TooManyRequests", $"The request was throttled. Retry after {Math.Ceiling(state.Knobs.RetryAfter.TotalSeconds)} seconds.");
        }

        if (state.Knobs.TakeServerError())
        {
            return ArmError.Result(503, "ServiceUnavailable", "The service is temporarily unavailable.");
        }

        var mutation = HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);
        if (mutation && state.Knobs.TakeConflict())
        {
            var segments = path.Split('/');
            var index = Array.FindIndex(segments, s => s.Equals("onlineEndpoints", StringComparison.OrdinalIgnoreCase));
            return ArmError.Conflict(index >= 0 && index + 1 < segments.Length ? segments[index + 1] : "?");
        }

        return null;
    }
}
