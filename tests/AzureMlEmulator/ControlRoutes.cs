using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>
/// A small control API for scripts (<c>/_emulator/…</c>): the request log, the scoring records, and the knobs.
/// Tests in the same process use <see cref="EmulatorHost"/> directly instead.
/// </summary>
internal static class ControlRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/requests", (RequestLog log) => Results.Json(log.Entries));
        app.MapDelete("/_emulator/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_emulator/scoring", (EmulatorState state) =>
        {
            lock (state.Gate)
            {
                return Results.Json(state.Scoring());
            }
        });
        app.MapPost("/_emulator/endpoints", async (HttpContext context, EmulatorState state) =>
        {
            // {"subscription","resourceGroup","workspace","endpoint","traffic":{"blue":100},"kubernetesCompute"?,"model"?}
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
            var names = ((string[])["subscription", "resourceGroup", "workspace", "endpoint"]).Select(n => body?[n]?.GetValue<string>()).ToArray();
            if (body?["traffic"] is not JsonObject traffic || names.Any(string.IsNullOrEmpty))
            {
                return Results.BadRequest(new { message = "Send subscription, resourceGroup, workspace, endpoint and traffic ({\"blue\": 100})." });
            }

            state.Seed(names[0]!, names[1]!, names[2]!, names[3]!, traffic.ToDictionary(t => t.Key, t => t.Value!.GetValue<int>()), body["kubernetesCompute"]?.GetValue<string>(), body["model"]?.GetValue<string>() ?? "model-1");
            return Results.NoContent();
        });
        app.MapPost("/_emulator/knobs", async (HttpContext context, EmulatorState state, EmulatorClock? clock) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
            if (body is null)
            {
                return Results.BadRequest(new { message = "Send a JSON object of knobs." });
            }

            Apply(state.Knobs, clock, body);
            return Results.NoContent();
        });
    }

    /// <summary>
    /// Knobs: <c>lroPolls</c>, <c>retryAfterMs</c>, <c>operationsNeverFinish</c>, <c>throttleNext</c>,
    /// <c>conflictNext</c>, <c>serverErrorNext</c>, <c>metricsFailure</c>, <c>failProvisioning {deployment, message}</c>,
    /// <c>latency {deployment, ms}</c>, <c>errors {deployment, rate, status}</c>, <c>load {endpoint, rps}</c>, <c>clearFaults</c>,
    /// <c>clock {freeze, advanceSeconds, unfreeze}</c>.
    /// </summary>
    private static void Apply(EmulatorKnobs knobs, EmulatorClock? clock, JsonObject body)
    {
        if (body["clearFaults"]?.GetValue<bool>() == true)
        {
            knobs.ClearFaults();
        }

        if (body["lroPolls"] is { } polls)
        {
            knobs.LroPolls = polls.GetValue<int>();
        }

        if (body["retryAfterMs"] is { } retryAfter)
        {
            knobs.RetryAfter = TimeSpan.FromMilliseconds(retryAfter.GetValue<double>());
        }

        if (body["operationsNeverFinish"] is { } never)
        {
            knobs.OperationsNeverFinish = never.GetValue<bool>();
        }

        if (body["throttleNext"] is { } throttle)
        {
            knobs.ThrottleNext(throttle.GetValue<int>());
        }

        if (body["conflictNext"] is { } conflict)
        {
            knobs.ConflictNext(conflict.GetValue<int>());
        }

        if (body["serverErrorNext"] is { } serverError)
        {
            knobs.ServerErrorNext(serverError.GetValue<int>());
        }

        if (body.ContainsKey("metricsFailure"))
        {
            knobs.MetricsFailure = body["metricsFailure"]?.GetValue<string>();
        }

        if (body["failProvisioning"] is JsonObject fail)
        {
            knobs.FailProvisioning(fail["deployment"]!.GetValue<string>(), fail["message"]?.GetValue<string>() ?? "Provisioning failed (injected by the emulator).");
        }

        if (body["latency"] is JsonObject latency)
        {
            knobs.InjectLatency(latency["deployment"]!.GetValue<string>(), TimeSpan.FromMilliseconds(latency["ms"]!.GetValue<double>()));
        }

        if (body["errors"] is JsonObject errors)
        {
            knobs.InjectErrors(errors["deployment"]!.GetValue<string>(), errors["rate"]!.GetValue<double>(), errors["status"]?.GetValue<int>() ?? 500);
        }

        if (body["load"] is JsonObject load)
        {
            knobs.SetLoad(load["endpoint"]!.GetValue<string>(), load["rps"]!.GetValue<double>());
        }

        if (body["clock"] is JsonObject time && clock is not null)
        {
            if (time["freeze"]?.GetValue<DateTimeOffset>() is { } instant)
            {
                clock.Freeze(instant);
            }

            if (time["advanceSeconds"]?.GetValue<double>() is { } seconds)
            {
                clock.Advance(TimeSpan.FromSeconds(seconds));
            }

            if (time["unfreeze"]?.GetValue<bool>() == true)
            {
                clock.Unfreeze();
            }
        }
    }
}
