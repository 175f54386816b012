namespace AzureMlEmulator;

/// <summary>Polling URLs of long-running operations: <c>mfeOperationsStatus</c> and <c>mfeOperationResults</c> (contract §1.4).</summary>
internal static class OperationRoutes
{
    private const string Location = "/subscriptions/{sub}/providers/Microsoft.MachineLearningServices/locations/{location}";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Location + "/mfeOperationsStatus/{id}", (HttpContext context, string id, EmulatorState state) =>
        {
            lock (state.Gate)
            {
                if (state.Operation(id) is not { } operation)
                {
                    return ArmError.NotFound(id);
                }

                state.Observe(operation);
                if (!operation.IsDone)
                {
                    OperationResponses.RetryAfter(context, state.Knobs.RetryAfter);
                }

                // The status resource always answers 200, whatever the operation's outcome (RPC).
                return ArmError.Json(200, operation.StatusBody());
            }
        });

        app.MapGet(Location + "/mfeOperationResults/{id}", (HttpContext context, string sub, string id, EmulatorState state) =>
        {
            lock (state.Gate)
            {
                if (state.Operation(id) is not { } operation)
                {
                    return ArmError.NotFound(id);
                }

                state.Observe(operation);
                if (!operation.IsDone)
                {
                    OperationResponses.Location(context, state, sub, operation, OperationResponses.ApiVersion(context));
                    return Results.StatusCode(202);
                }

                if (operation.Status == "Failed")
                {
                    return ArmError.Result(400, "DeploymentProvisioningFailed", operation.Failure ?? "The operation failed.");
                }

                // Done: the answer the request would have had synchronously (PATCH: the resource; DELETE: nothing).
                return operation.FinalBody() is { } body ? ArmError.Json(200, body) : Results.StatusCode(200);
            }
        });
    }
}
