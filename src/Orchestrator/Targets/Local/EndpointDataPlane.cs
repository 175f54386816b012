using System.Diagnostics;
using System.Globalization;
using System.Text;
using Orchestrator.Metrics.Local;

namespace Orchestrator.Targets.Local;

/// <summary>
/// An endpoint's loopback data plane, as Azure ML's front door behaves (azureml-contract.md §3): <c>POST /score</c>
/// with key auth, the <c>azureml-model-deployment</c> header pinning a deployment (never mirrored), the live split
/// otherwise, mirroring in the background, 424 for a model's non-200; and <c>GET /metrics</c> in Prometheus format.
/// </summary>
internal sealed class EndpointDataPlane(LocalEndpoint endpoint, InstanceForwarder forwarder, MirrorQueue mirror, int maxBodyBytes)
{
    /// <summary>The header that pins a deployment on the way in and names the serving one on the way out.</summary>
    public const string DeploymentHeader = "azureml-model-deployment";

    public Task HandleAsync(HttpContext context) => (context.Request.Method, context.Request.Path.Value) switch
    {
        ("POST", "/score") => ScoreAsync(context),
        ("GET", "/metrics") => MetricsAsync(context),
        _ => WriteMessageAsync(context, StatusCodes.Status404NotFound, "not found: this endpoint serves POST /score and GET /metrics"),
    };

    private async Task ScoreAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-request-id"] = requestId;
        context.Response.Headers["x-ms-request-id"] = requestId;
        if (!endpoint.Keys.Authorizes(context.Request.Headers.Authorization))
        {
            await WriteMessageAsync(context, StatusCodes.Status401Unauthorized, "a valid endpoint key is required: Authorization: Bearer <key>").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await WriteMessageAsync(context, StatusCodes.Status413PayloadTooLarge, $"the request body exceeds {maxBodyBytes} bytes").ConfigureAwait(false);
            return;
        }

        var routing = endpoint.Routing;
        var pinned = context.Request.Headers[DeploymentHeader].ToString();
        LocalDeployment? target;
        TrafficKind kind;
        if (pinned.Length > 0)
        {
            // A pinned request goes to that deployment whatever its traffic, and is never mirrored.
            target = routing.Find(pinned);
            kind = TrafficKind.Pinned;
            if (target is null)
            {
                await WriteMessageAsync(context, StatusCodes.Status404NotFound, $"deployment '{pinned}' not found on endpoint '{endpoint.Name}'").ConfigureAwait(false);
                return;
            }
        }
        else
        {
            target = routing.ChooseLive();
            kind = TrafficKind.Live;
            if (target is null)
            {
                await WriteMessageAsync(context, StatusCodes.Status404NotFound, $"endpoint '{endpoint.Name}' has no deployment with positive weight").ConfigureAwait(false);
                return;
            }

            if (routing.ChooseMirror() is { } shadow)
            {
                mirror.Enqueue(shadow, body, context.Request.ContentType);
            }
        }

        var answer = await forwarder.ForwardAsync(target, body, context.Request.ContentType, context.RequestAborted).ConfigureAwait(false);
        endpoint.Measurements.Record(target.Name, kind, answer.StatusCode, answer.ModelStatusCode, Stopwatch.GetElapsedTime(started));

        context.Response.StatusCode = answer.StatusCode;
        context.Response.Headers[DeploymentHeader] = target.Name;
        if (answer.StatusCode == ForwardResult.ModelError)
        {
            context.Response.Headers["ms-azureml-model-error-statuscode"] = answer.ModelStatusCode.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["ms-azureml-model-error-reason"] = "model_error";
        }

        context.Response.ContentType = answer.ContentType;
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The whole body; null when it is larger than allowed.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        var declared = context.Request.ContentLength;
        if (declared > maxBodyBytes)
        {
            return null;
        }

        try
        {
            if (declared is { } length)
            {
                var exact = new byte[length];
                await context.Request.Body.ReadExactlyAsync(exact, context.RequestAborted).ConfigureAwait(false);
                return exact;
            }

            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private Task MetricsAsync(HttpContext context)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        endpoint.WritePrometheus(text);
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), Encoding.UTF8, context.RequestAborted);
    }

    private static Task WriteMessageAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        var body = ForwardResult.FromHost(status, message).Body;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
