using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>Workspaces (GET only) and online endpoints: PUT/GET/LIST/PATCH/DELETE, listKeys, regenerateKeys, token (contract §1).</summary>
internal static class EndpointRoutes
{
    public const string Workspace = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}";
    public const string EndpointType = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Workspace, (string sub, string rg, string ws, EmulatorState state) => ArmError.Json(200, new JsonObject
        {
            ["id"] = EmulatorState.WorkspaceId(sub, rg, ws),
            ["name"] = ws,
            ["type"] = "Microsoft.MachineLearningServices/workspaces",
            ["location"] = state.Options.Location,
        }));

        app.MapGet(Workspace + "/onlineEndpoints", (HttpContext context, string sub, string rg, string ws, EmulatorState state) =>
        {
            lock (state.Gate)
            {
                return ArmResource.Page(context, state.Endpoints(EmulatorState.WorkspaceKey(sub, rg, ws)).Select(e => e.Resource), state.Options.PageSize);
            }
        });

        app.MapGet(Workspace + "/onlineEndpoints/{ep}", (string sub, string rg, string ws, string ep, EmulatorState state) =>
        {
            lock (state.Gate)
            {
                var endpoint = state.Endpoint(EmulatorState.WorkspaceKey(sub, rg, ws), ep);
                if (endpoint is null)
                {
                    return ArmError.NotFound($"{EmulatorState.WorkspaceId(sub, rg, ws)}/onlineEndpoints/{ep}");
                }

                state.ObserveActive(endpoint);
                return ArmError.Json(200, endpoint.Resource);
            }
        });

        app.MapPut(Workspace + "/onlineEndpoints/{ep}", Put);
        app.MapPatch(Workspace + "/onlineEndpoints/{ep}", Patch);
        app.MapDelete(Workspace + "/onlineEndpoints/{ep}", Delete);
        app.MapPost(Workspace + "/onlineEndpoints/{ep}/listKeys", (string sub, string rg, string ws, string ep, EmulatorState state) =>
            state.WithEndpoint(sub, rg, ws, ep, e => ArmError.Json(200, new JsonObject { ["primaryKey"] = e.PrimaryKey, ["secondaryKey"] = e.SecondaryKey })));
        app.MapPost(Workspace + "/onlineEndpoints/{ep}/regenerateKeys", RegenerateKeys);
        app.MapPost(Workspace + "/onlineEndpoints/{ep}/token", (string sub, string rg, string ws, string ep, EmulatorState state) =>
            state.WithEndpoint(sub, rg, ws, ep, e => IssueToken(e, state.Clock.GetUtcNow())));
    }

    private static IResult Put(HttpContext context, string sub, string rg, string ws, string ep, EmulatorState state)
    {
        var body = ArmResource.Body(context, out var error);
        if (body is null)
        {
            return ArmError.Result(400, "InvalidRequestContent", error!);
        }

        lock (state.Gate)
        {
            var key = EmulatorState.WorkspaceKey(sub, rg, ws);
            var existing = state.Endpoint(key, ep);
            var problems = new List<string>();
            if (ArmResource.CheckTracked(body, ep, "endpoint", problems) is not { } properties)
            {
                return ArmError.BadArgument(problems);
            }

            if (properties["authMode"]?.GetValue<string>() is not ("Key" or "AMLToken" or "AADToken"))
            {
                problems.Add("The 'properties.authMode' property is required and must be one of Key, AMLToken, AADToken.");
            }

            if (ArmResource.ProvisioningStateMismatch(properties, existing?.ProvisioningState) is { } mismatch)
            {
                problems.Add(mismatch);
            }

            var kubernetes = properties["compute"]?.GetValue<string>() is { Length: > 0 } || string.Equals(body["kind"]?.GetValue<string>(), "Kubernetes", StringComparison.OrdinalIgnoreCase);
            problems.AddRange(TrafficValidation.Check(properties, existing, ep, kubernetes));
            if (problems.Count > 0)
            {
                return ArmError.BadArgument(problems);
            }

            if (existing?.Active is { IsDone: false })
            {
                return ArmError.Conflict(ep);
            }

            var id = $"{EmulatorState.WorkspaceId(sub, rg, ws)}/onlineEndpoints/{ep}";
            var resource = (JsonObject)body.DeepClone();
            var props = (JsonObject)resource["properties"]!;
            ArmResource.Stamp(resource, id, ep, EndpointType, state.Clock.GetUtcNow(), existing?.Resource);
            var keys = props["keys"] as JsonObject;
            props.Remove("keys");
            props["provisioningState"] = existing is null ? "Creating" : "Updating";
            props["scoringUri"] = $"{state.BaseUrl}/inference/{ep}/score";
            props["swaggerUri"] = $"{state.BaseUrl}/inference/{ep}/swagger.json";
            props["publicNetworkAccess"] ??= "Enabled";
            var extra = props["properties"] as JsonObject ?? [];
#pragma warning disable CA1308 // The service reports this id lower-cased (contract §1.1).
            extra["azureml.onlineendpointid"] = id.ToLowerInvariant();
#pragma warning restore CA1308
            props["properties"] = extra;

            var endpoint = existing ?? new EndpointRecord { Id = id, Name = ep, WorkspaceKey = key, Resource = resource };
            endpoint.Resource = resource;
            if (existing is null)
            {
                endpoint.PrimaryKey = keys?["primaryKey"]?.GetValue<string>() ?? endpoint.PrimaryKey;
                endpoint.SecondaryKey = keys?["secondaryKey"]?.GetValue<string>() ?? endpoint.SecondaryKey;
                state.Add(endpoint);
            }

            var operation = state.Start("Put", endpoint, () => endpoint.ProvisioningState = "Succeeded", _ => endpoint.ProvisioningState = "Failed");
            var apiVersion = OperationResponses.ApiVersion(context);
            extra["AzureAsyncOperationUri"] = state.StatusUrl(sub, operation, apiVersion);
            OperationResponses.AsyncOperation(context, state, sub, operation, apiVersion);
            return ArmError.Json(existing is null ? 201 : 200, endpoint.Resource);
        }
    }

    private static IResult Patch(HttpContext context, string sub, string rg, string ws, string ep, EmulatorState state)
    {
        var body = ArmResource.Body(context, out var error);
        if (body is null)
        {
            return ArmError.Result(400, "InvalidRequestContent", error!);
        }

        return state.WithEndpoint(sub, rg, ws, ep, endpoint =>
        {
            if (endpoint.Active is { IsDone: false })
            {
                return ArmError.Conflict(ep);
            }

            // The endpoint PATCH schema carries tags and identity only (contract §1.2); anything else is ignored.
            if (body["tags"] is JsonObject tags)
            {
                endpoint.Resource["tags"] = tags.DeepClone();
            }

            if (body["identity"] is JsonObject identity)
            {
                endpoint.Resource["identity"] = identity.DeepClone();
            }

            endpoint.ProvisioningState = "Updating";
            var operation = state.Start("Patch", endpoint, () => endpoint.ProvisioningState = "Succeeded", finalBody: () => endpoint.Resource);
            OperationResponses.Location(context, state, sub, operation, OperationResponses.ApiVersion(context));
            return Results.StatusCode(202);
        });
    }

    private static IResult Delete(HttpContext context, string sub, string rg, string ws, string ep, EmulatorState state)
    {
        lock (state.Gate)
        {
            var endpoint = state.Endpoint(EmulatorState.WorkspaceKey(sub, rg, ws), ep);
            if (endpoint is null)
            {
                return Results.StatusCode(204);
            }

            if (endpoint.Active is { IsDone: false })
            {
                return ArmError.Conflict(ep);
            }

            endpoint.ProvisioningState = "Deleting";
            var operation = state.Start("Delete", endpoint, () => state.Remove(endpoint));
            OperationResponses.Location(context, state, sub, operation, OperationResponses.ApiVersion(context));
            return Results.StatusCode(202);
        }
    }

    private static IResult RegenerateKeys(HttpContext context, string sub, string rg, string ws, string ep, EmulatorState state)
    {
        var body = ArmResource.Body(context, out var error);
        var keyType = body?["keyType"]?.GetValue<string>();
        if (keyType is not ("Primary" or "Secondary"))
        {
            return ArmError.Result(400, "BadArgument", error ?? "The 'keyType' property is required and must be Primary or Secondary.");
        }

        return state.WithEndpoint(sub, rg, ws, ep, endpoint =>
        {
            var value = body?["keyValue"]?.GetValue<string>() ?? EndpointRecord.NewKey();
            if (keyType == "Primary")
            {
                endpoint.PrimaryKey = value;
            }
            else
            {
                endpoint.SecondaryKey = value;
            }

            return Results.StatusCode(200);
        });
    }

    private static IResult IssueToken(EndpointRecord endpoint, DateTimeOffset now)
    {
        if (endpoint.AuthMode != "AMLToken")
        {
            return ArmError.Result(400, "BadArgument", "Tokens are only issued for endpoints whose authMode is AMLToken.");
        }

        var token = EndpointRecord.NewKey();
        endpoint.IssuedTokens.Add(token);
        return ArmError.Json(200, new JsonObject
        {
            ["accessToken"] = token,
            ["tokenType"] = "Bearer",
            ["expiryTimeUtc"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["refreshAfterTimeUtc"] = now.AddMinutes(30).ToUnixTimeSeconds(),
        });
    }
}
