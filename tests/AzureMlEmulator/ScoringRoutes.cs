namespace AzureMlEmulator;

/// <summary>The data plane over HTTP: <c>POST /inference/{endpoint}/score</c> with key or token auth (contract §3).</summary>
internal static class ScoringRoutes
{
    private const string DeploymentHeader = "azureml-model-deployment";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/inference/{ep}/score", ScoreAsync);
        app.MapGet("/inference/{ep}/swagger.json", (string ep) => Results.Json(new { openapi = "3.0.1", info = new { title = ep, version = "1.0" } }));
    }

    private static async Task<IResult> ScoreAsync(HttpContext context, string ep, ScoringEngine engine)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var pinned = context.Request.Headers[DeploymentHeader].FirstOrDefault();
        var outcome = await engine.ScoreAsync(ep, body, context.Request.Headers.Authorization.ToString(), pinned, delay: true, context.RequestAborted);

        var headers = context.Response.Headers;
        if (outcome.ServedBy is { } servedBy)
        {
            headers[DeploymentHeader] = servedBy;
            headers["azureml-model-session"] = servedBy;
            headers["x-ms-run-function-failed"] = outcome.Status == 200 ? "False" : "True";
        }

        headers["x-request-id"] = headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        headers.Server = "azureml-frontdoor";
        if (outcome.Status == 424)
        {
            headers["ms-azureml-model-error-statuscode"] = outcome.ModelStatus;
            headers["ms-azureml-model-error-reason"] = "model_error";
        }

        return Results.Text(outcome.Body, "application/json", System.Text.Encoding.UTF8, outcome.Status);
    }
}
