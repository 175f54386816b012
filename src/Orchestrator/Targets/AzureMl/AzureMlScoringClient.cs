using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Targets.AzureMl;

/// <summary>
/// The data plane (contract §3.1): fetch a credential for the endpoint's auth mode (listKeys, the token action, or
/// an Entra token for https://ml.azure.com), then POST the scoring URI, pinned to a deployment with the
/// <c>azureml-model-deployment</c> header when one is named. Sent once, never retried; the key is never logged.
/// </summary>
internal sealed partial class AzureMlScoringClient(ArmConnection connection, AzureMlResourceIds ids, ILogger logger)
{
    private const string DeploymentHeader = "azureml-model-deployment";
    private static readonly string[] MlScope = ["https://ml.azure.com/.default"];

    public async Task<InvocationResult> InvokeAsync(string requestBody, string? deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestBody);
        var apiVersion = connection.Options.MachineLearningApiVersion;
        var endpoint = await connection.SendAsync(RequestMethod.Get, ids.Endpoint, apiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!endpoint.IsSuccess)
        {
            var (code, message) = endpoint.Error();
            throw new AzureMlRequestException($"GET endpoint {ids.EndpointName}", endpoint.Status, code, message);
        }

        var properties = endpoint.Json()["properties"] as JsonObject ?? [];
        if (!Uri.TryCreate(properties["scoringUri"]?.GetValue<string>(), UriKind.Absolute, out var scoringUri) || scoringUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"Endpoint {ids.EndpointName} has no https scoring URI yet.");
        }

        var secret = await GetSecretAsync(properties["authMode"]?.GetValue<string>(), cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret };
        if (deployment is not null)
        {
            headers[DeploymentHeader] = AzureMlResourceIds.Normalize(deployment);
        }

        Log.Invoking(logger, ids.EndpointName, deployment ?? "(traffic rules)");
        var response = await connection.SendDataPlaneAsync(scoringUri, requestBody, headers, cancellationToken).ConfigureAwait(false);
        return new InvocationResult(response.Status, response.Body, response.Header(DeploymentHeader));
    }

    private async Task<string> GetSecretAsync(string? authMode, CancellationToken cancellationToken)
    {
        var apiVersion = connection.Options.MachineLearningApiVersion;
        if (string.Equals(authMode, "AADToken", StringComparison.OrdinalIgnoreCase))
        {
            var token = await connection.Credential.GetTokenAsync(new TokenRequestContext(MlScope), cancellationToken).ConfigureAwait(false);
            return token.Token;
        }

        var aml = string.Equals(authMode, "AMLToken", StringComparison.OrdinalIgnoreCase);
        var action = aml ? "/token" : "/listKeys";
        var response = await connection.SendAsync(RequestMethod.Post, ids.Endpoint + action, apiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            var (code, message) = response.Error();
            throw new AzureMlRequestException($"POST {action.TrimStart('/')} of endpoint {ids.EndpointName}", response.Status, code, message);
        }

        var secret = response.Json()[aml ? "accessToken" : "primaryKey"]?.GetValue<string>();
        return string.IsNullOrEmpty(secret)
            ? throw new InvalidOperationException($"Endpoint {ids.EndpointName} returned no {(aml ? "access token" : "primary key")}.")
            : secret;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = AzureMlEventIds.Invoking, Level = LogLevel.Information, Message = "Scoring through endpoint {Endpoint}, deployment {Deployment}")]
        public static partial void Invoking(ILogger logger, string endpoint, string deployment);
    }
}
