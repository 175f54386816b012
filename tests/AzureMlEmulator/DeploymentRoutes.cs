using System.Globalization;
using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>Online deployments: PUT/GET/LIST/PATCH/DELETE and getLogs (contract §2).</summary>
internal static class DeploymentRoutes
{
    private const string Deployments = EndpointRoutes.Workspace + "/onlineEndpoints/{ep}/deployments";
    private const string DeploymentType = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Deployments, (HttpContext context, string sub, string rg, string ws, string ep, EmulatorState state) =>
            state.WithEndpoint(sub, rg, ws, ep, e => ArmResource.Page(context, e.Deployments.Values.Select(d => d.Resource), state.Options.PageSize)));

        app.MapGet(Deployments + "/{dep}", (string sub, string rg, string ws, string ep, string dep, EmulatorState state) =>
            state.WithEndpoint(sub, rg, ws, ep, endpoint =>
            {
                if (!endpoint.Deployments.TryGetValue(dep, out var deployment))
                {
                    return ArmError.NotFound($"{endpoint.Id}/deployments/{dep}");
                }

                state.ObserveActive(endpoint);
                return ArmError.Json(200, deployment.Resource);
            }));

        app.MapPut(Deployments + "/{dep}", Put);
        app.MapPatch(Deployments + "/{dep}", Patch);
        app.MapDelete(Deployments + "/{dep}", Delete);
        app.MapPost(Deployments + "/{dep}/getLogs", GetLogs);
    }

    private static IResult Put(HttpContext context, string sub, string rg, string ws, string ep, string dep, EmulatorState state)
    {
        var body = ArmResource.Body(context, out var error);
        if (body is null)
        {
            return ArmError.Result(400, "InvalidRequestContent", error!);
        }

        return state.WithEndpoint(sub, rg, ws, ep, endpoint =>
        {
            endpoint.Deployments.TryGetValue(dep, out var existing);
            var problems = Validate(body, dep, endpoint, existing);
            if (problems.Count > 0)
            {
                return ArmError.BadArgument(problems);
            }

            if (endpoint.Active is { IsDone: false })
            {
                return ArmError.Conflict(ep);
            }

            var resource = (JsonObject)body.DeepClone();
            ArmResource.Stamp(resource, $"{endpoint.Id}/deployments/{dep}", dep, DeploymentType, state.Clock.GetUtcNow(), existing?.Resource);
            resource["sku"] ??= new JsonObject { ["name"] = "Default", ["capacity"] = 1 };
            var capacityOnly = existing is not null && SameExceptCapacity(existing.Resource, resource);
            var deployment = existing ?? new DeploymentRecord { Id = $"{endpoint.Id}/deployments/{dep}", Name = dep, Resource = resource };
            deployment.Resource = resource;
            deployment.ProvisioningState = existing is null ? "Creating" : capacityOnly ? "Scaling" : "Updating";
            endpoint.Deployments[dep] = deployment;
            deployment.Logs.Add($"{state.Clock.GetUtcNow():O} Deployment {dep}: {deployment.ProvisioningState} with {deployment.Capacity} instance(s)");

            var failure = state.Knobs.ProvisioningFailure(dep);
            var operation = state.Start(
                "Put",
                endpoint,
                () =>
                {
                    deployment.ProvisioningState = "Succeeded";
                    deployment.Logs.Add($"{state.Clock.GetUtcNow():O} Init complete");
                },
                message =>
                {
                    deployment.ProvisioningState = "Failed";
                    deployment.Logs.Add($"{state.Clock.GetUtcNow():O} ERROR {message}");
                },
                failure);
            OperationResponses.AsyncOperation(context, state, sub, operation, OperationResponses.ApiVersion(context));
            return ArmError.Json(existing is null ? 201 : 200, deployment.Resource);
        });
    }

    private static List<string> Validate(JsonObject body, string dep, EndpointRecord endpoint, DeploymentRecord? existing)
    {
        var problems = new List<string>();
        if (ArmResource.CheckTracked(body, dep, "deployment", problems) is not { } properties)
        {
            return problems;
        }

        var computeType = properties["endpointComputeType"]?.GetValue<string>();
        if (computeType is not ("Managed" or "Kubernetes" or "AzureMLCompute"))
        {
            problems.Add("The 'properties.endpointComputeType' property is required and must be Managed, Kubernetes or AzureMLCompute.");
        }
        else if ((computeType == "Kubernetes") != endpoint.IsKubernetes)
        {
            problems.Add($"A {computeType} deployment cannot be created under a {(endpoint.IsKubernetes ? "Kubernetes" : "managed")} endpoint.");
        }

        if (body["sku"]?["capacity"] is { } capacity && (!capacity.AsValue().TryGetValue<int>(out var count) || count < 1))
        {
            problems.Add("The 'sku.capacity' property must be an integer of at least 1.");
        }

        if (ArmResource.ProvisioningStateMismatch(properties, existing?.ProvisioningState) is { } mismatch)
        {
            problems.Add(mismatch);
        }

        return problems;
    }

    private static IResult Patch(HttpContext context, string sub, string rg, string ws, string ep, string dep, EmulatorState state)
    {
        var body = ArmResource.Body(context, out var error);
        if (body is null)
        {
            return ArmError.Result(400, "InvalidRequestContent", error!);
        }

        return state.WithEndpoint(sub, rg, ws, ep, endpoint =>
        {
            if (!endpoint.Deployments.TryGetValue(dep, out var deployment))
            {
                return ArmError.NotFound($"{endpoint.Id}/deployments/{dep}");
            }

            if (endpoint.Active is { IsDone: false })
            {
                return ArmError.Conflict(ep);
            }

            // The deployment PATCH schema carries sku and tags only (contract §2.1).
            if (body["sku"] is JsonObject sku)
            {
                var merged = deployment.Resource["sku"] as JsonObject ?? [];
                foreach (var (name, value) in sku)
                {
                    merged[name] = value?.DeepClone();
                }

                deployment.Resource["sku"] = merged;
            }

            if (body["tags"] is JsonObject tags)
            {
                deployment.Resource["tags"] = tags.DeepClone();
            }

            deployment.ProvisioningState = "Scaling";
            var operation = state.Start("Patch", endpoint, () => deployment.ProvisioningState = "Succeeded", finalBody: () => deployment.Resource);
            OperationResponses.Location(context, state, sub, operation, OperationResponses.ApiVersion(context));
            return Results.StatusCode(202);
        });
    }

    private static IResult Delete(HttpContext context, string sub, string rg, string ws, string ep, string dep, EmulatorState state)
    {
        lock (state.Gate)
        {
            var endpoint = state.Endpoint(EmulatorState.WorkspaceKey(sub, rg, ws), ep);
            if (endpoint is null || !endpoint.Deployments.TryGetValue(dep, out var deployment))
            {
                return Results.StatusCode(204);
            }

            var live = endpoint.Traffic.GetValueOrDefault(dep);
            if (live > 0)
            {
                return ArmError.Result(409, "Conflict", string.Create(CultureInfo.InvariantCulture, $"Deployment '{dep}' has {live}% live traffic and cannot be deleted. Set its traffic to 0 first."));
            }

            if (endpoint.Active is { IsDone: false })
            {
                return ArmError.Conflict(ep);
            }

            deployment.ProvisioningState = "Deleting";
            var operation = state.Start("Delete", endpoint, () =>
            {
                endpoint.Deployments.Remove(dep);
                (endpoint.Properties["mirrorTraffic"] as JsonObject)?.Remove(dep);
            });
            OperationResponses.Location(context, state, sub, operation, OperationResponses.ApiVersion(context));
            return Results.StatusCode(202);
        }
    }

    private static IResult GetLogs(HttpContext context, string sub, string rg, string ws, string ep, string dep, EmulatorState state)
    {
        var body = ArmResource.Body(context, out _);
        var tail = body?["tail"]?.GetValue<int?>() ?? 5000;
        var container = body?["containerType"]?.GetValue<string>() ?? "InferenceServer";
        return state.WithEndpoint(sub, rg, ws, ep, endpoint =>
        {
            if (!endpoint.Deployments.TryGetValue(dep, out var deployment))
            {
                return ArmError.NotFound($"{endpoint.Id}/deployments/{dep}");
            }

            IEnumerable<string> lines = container == "StorageInitializer" ? ["Model download complete."] : deployment.Logs;
            return ArmError.Json(200, new JsonObject { ["content"] = string.Join('\n', lines.TakeLast(Math.Max(0, tail))) });
        });
    }

    private static bool SameExceptCapacity(JsonObject before, JsonObject after)
    {
        var left = (JsonObject)before.DeepClone();
        var right = (JsonObject)after.DeepClone();
        foreach (var node in (JsonObject[])[left, right])
        {
            node.Remove("systemData");
            (node["sku"] as JsonObject)?.Remove("capacity");
            (node["properties"] as JsonObject)?.Remove("provisioningState");
        }

        return JsonNode.DeepEquals(left, right);
    }
}
