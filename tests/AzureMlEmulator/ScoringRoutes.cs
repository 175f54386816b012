using System.Diagnostics;

namespace AzureMlEmulator;

/// <summary>
/// The data plane (contract §3): <c>POST /inference/{endpoint}/score</c> with key or token auth; routes by live
/// weights, or to the deployment the <c>azureml-model-deployment</c> header pins (then nothing is mirrored);
/// copies the mirror percentage to the shadow deployment and drops its answer; records every request served.
/// Injected latency delays live answers for real and is added to mirrored copies' recorded latency.
/// </summary>
internal static class ScoringRoutes
{
    private const string DeploymentHeader = "azureml-model-deployment";

    private sealed record Served(string Deployment, bool ConstantModel, TimeSpan Latency, int? InjectedStatus);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/inference/{ep}/score", ScoreAsync);
        app.MapGet("/inference/{ep}/swagger.json", (string ep) => Results.Json(new { openapi = "3.0.1", info = new { title = ep, version = "1.0" } }));
    }

    private static async Task<IResult> ScoreAsync(HttpContext context, string ep, EmulatorState state)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var pinned = context.Request.Headers[DeploymentHeader].FirstOrDefault();
        Served live;
        var mirrors = new List<Served>();
        lock (state.Gate)
        {
            var endpoint = state.EndpointByName(ep);
            if (endpoint is null)
            {
                return Message(404, $"Endpoint '{ep}' not found.");
            }

            if (!Authorized(endpoint, context.Request.Headers.Authorization.ToString()))
            {
                return Message(401, "Unauthorized: the key or token is missing, expired or in the wrong format.");
            }

            var name = pinned ?? Pick(endpoint.Traffic, state);
            if (name is null || !endpoint.Deployments.TryGetValue(name, out var deployment))
            {
                return pinned is null
                    ? Message(404, "The endpoint doesn't have any valid deployment with positive weight.")
                    : Message(404, $"Deployment '{pinned}' not found for endpoint '{ep}'.");
            }

            if (deployment.ProvisioningState is not ("Succeeded" or "Updating" or "Scaling"))
            {
                return Message(503, $"Deployment '{deployment.Name}' is {deployment.ProvisioningState}.");
            }

            live = Prepare(deployment, state);
            foreach (var (shadow, percent) in pinned is null ? endpoint.Mirror : [])
            {
                if (percent > 0 && endpoint.Deployments.TryGetValue(shadow, out var target) && state.NextDouble() * 100 < percent)
                {
                    mirrors.Add(Prepare(target, state));
                }
            }
        }

        var started = Stopwatch.GetTimestamp();
        if (live.Latency > TimeSpan.Zero)
        {
            await Task.Delay(live.Latency, context.RequestAborted);
        }

        var (status, answer, modelStatus) = Execute(live, body);
        Record(state, ep, live, status, modelStatus, Stopwatch.GetElapsedTime(started).TotalMilliseconds, mirrored: false, pinned: pinned is not null);
        foreach (var mirror in mirrors)
        {
            var mirrorStarted = Stopwatch.GetTimestamp();
            var (mirrorStatus, _, mirrorModelStatus) = Execute(mirror, body);
            var elapsed = Stopwatch.GetElapsedTime(mirrorStarted) + mirror.Latency;
            Record(state, ep, mirror, mirrorStatus, mirrorModelStatus, elapsed.TotalMilliseconds, mirrored: true, pinned: false);
        }

        var headers = context.Response.Headers;
        headers[DeploymentHeader] = live.Deployment;
        headers["azureml-model-session"] = live.Deployment;
        headers["x-request-id"] = headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        headers["x-ms-run-function-failed"] = status == 200 ? "False" : "True";
        headers.Server = "azureml-frontdoor";
        if (status == 424)
        {
            headers["ms-azureml-model-error-statuscode"] = modelStatus;
            headers["ms-azureml-model-error-reason"] = "model_error";
        }

        return Results.Text(answer, "application/json", System.Text.Encoding.UTF8, status);
    }

    private static bool Authorized(EndpointRecord endpoint, string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var secret = authorization["Bearer ".Length..];
        return endpoint.AuthMode switch
        {
            "AMLToken" => endpoint.IssuedTokens.Contains(secret),
            "AADToken" => secret.Length > 0,
            _ => secret == endpoint.PrimaryKey || secret == endpoint.SecondaryKey,
        };
    }

    /// <summary>Live routing: one roll of the dice over the positive weights.</summary>
    private static string? Pick(Dictionary<string, int> traffic, EmulatorState state)
    {
        var total = traffic.Values.Where(v => v > 0).Sum();
        if (total <= 0)
        {
            return null;
        }

        var roll = state.NextDouble() * total;
        foreach (var (name, weight) in traffic.Where(t => t.Value > 0).OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase))
        {
            roll -= weight;
            if (roll < 0)
            {
                return name;
            }
        }

        return traffic.Last(t => t.Value > 0).Key;
    }

    private static Served Prepare(DeploymentRecord deployment, EmulatorState state)
    {
        var (rate, injectedStatus) = state.Knobs.ErrorsOf(deployment.Name);
        var fails = rate > 0 && state.NextDouble() < rate;
        deployment.Logs.Add($"{state.Clock.GetUtcNow():O} {(deployment.IsConstantModel ? "model 2" : "model 1")}: request received");
        return new Served(deployment.Name, deployment.IsConstantModel, state.Knobs.LatencyOf(deployment.Name), fails ? injectedStatus : null);
    }

    private static (int Status, string Body, string ModelStatus) Execute(Served served, string body)
    {
        if (served.InjectedStatus is { } injected)
        {
            return (injected, $"{{\"message\": \"Injected fault: HTTP {injected}.\"}}", "");
        }

        var (ok, answer) = SampleModels.Score(served.ConstantModel, body);

        // A raising run() is a 500 in the container, which the managed front door answers as 424 (contract §5.2).
        return ok ? (200, answer, "200") : (424, answer, "500");
    }

    private static void Record(EmulatorState state, string ep, Served served, int status, string modelStatus, double latencyMs, bool mirrored, bool pinned)
    {
        lock (state.Gate)
        {
            state.Record(new ScoringRecord(state.Clock.GetUtcNow(), ep, served.Deployment, status, modelStatus, latencyMs, mirrored, pinned));
        }
    }

    private static IResult Message(int status, string message) =>
        Results.Text($"{{\"message\": \"{message}\"}}", "application/json", System.Text.Encoding.UTF8, status);
}
