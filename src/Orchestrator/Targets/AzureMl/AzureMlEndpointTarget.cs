using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl;

/// <summary>
/// An Azure ML online endpoint driven through the documented REST contract (azureml-contract.md §1, §2, §7):
/// reads are GET/LIST; traffic and mirror change together as GET → modify → full PUT of the endpoint; deployments
/// are full PUTs (scaling through <c>sku.capacity</c>); every change waits for its long-running operation.
/// Every traffic and delete change is checked against <see cref="EndpointRules"/> before anything is sent.
/// </summary>
public sealed partial class AzureMlEndpointTarget : IEndpointTarget
{
    private readonly ArmConnection _connection;
    private readonly ArmOperationPoller _poller;
    private readonly AzureMlResourceIds _ids;
    private readonly TargetSpec _target;
    private readonly ILogger _logger;

    internal AzureMlEndpointTarget(ArmConnection connection, TargetSpec target, ILogger logger)
    {
        _ids = AzureMlResourceIds.Of(target);
        _connection = connection;
        _target = target;
        _logger = logger;
        _poller = new ArmOperationPoller(connection, logger);
    }

    private string ApiVersion => _connection.Options.MachineLearningApiVersion;

    /// <inheritdoc />
    public async Task<EndpointState?> GetStateAsync(CancellationToken cancellationToken = default)
    {
        var endpoint = await GetEndpointAsync(cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return null;
        }

        var deployments = await ListDeploymentsAsync(cancellationToken).ConfigureAwait(false);
        return AzureMlResource.ToState(_ids.EndpointName, endpoint, deployments);
    }

    /// <inheritdoc />
    public async Task EnsureEndpointAsync(CancellationToken cancellationToken = default)
    {
        var endpoint = await GetEndpointAsync(cancellationToken).ConfigureAwait(false);
        var description = $"endpoint {_ids.EndpointName}";
        if (endpoint is not null)
        {
            // It exists; if an operation is still running on it, wait until it settles.
            await _poller.WaitAsync(new ArmResponse(200, endpoint.ToJsonString(), new Dictionary<string, string>()), _ids.Endpoint, ArmOperationPoller.Kind.Put, description, _connection.Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_target.Compute == EndpointCompute.Kubernetes)
        {
            throw new InvalidOperationException($"Kubernetes online endpoint {_ids.EndpointName} does not exist; create it with its Kubernetes compute attached first (the service does not pick a cluster).");
        }

        var location = _connection.Options.Location ?? await GetWorkspaceLocationAsync(cancellationToken).ConfigureAwait(false);
        Log.CreatingEndpoint(_logger, _ids.EndpointName, location);
        var body = new JsonObject
        {
            ["location"] = location,
            ["kind"] = "Managed",
            ["properties"] = new JsonObject { ["authMode"] = "Key" },
        };
        var response = await SendAsync(RequestMethod.Put, _ids.Endpoint, body, $"create {description}", cancellationToken).ConfigureAwait(false);
        await _poller.WaitAsync(response, _ids.Endpoint, ArmOperationPoller.Kind.Put, $"create {description}", _connection.Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PutDeploymentAsync(string deployment, DeploymentSpec spec, CancellationToken cancellationToken = default)
    {
        var endpoint = await RequireEndpointAsync(cancellationToken).ConfigureAwait(false);
        var location = endpoint["location"]?.GetValue<string>() ?? _connection.Options.Location ?? "";
        var compute = AzureMlResource.ComputeOf(endpoint, []);
        var body = DeploymentRequestBody.Build(spec, location, compute, _ids, out var problems);
        if (problems.Count > 0)
        {
            throw new DeploymentFailedException($"Deployment {deployment} cannot be sent to Azure ML: {string.Join("; ", problems)}.");
        }

        var path = _ids.Deployment(deployment);
        var description = $"provisioning of deployment {AzureMlResourceIds.Normalize(deployment)} on endpoint {_ids.EndpointName}";
        Log.PuttingDeployment(_logger, deployment, _ids.EndpointName, spec.InstanceCount);
        try
        {
            var response = await SendAsync(RequestMethod.Put, path, body, description, cancellationToken).ConfigureAwait(false);
            await _poller.WaitAsync(response, path, ArmOperationPoller.Kind.Put, description, _connection.Options.ProvisioningTimeout, cancellationToken).ConfigureAwait(false);
            Log.DeploymentSucceeded(_logger, deployment, _ids.EndpointName);
        }
        catch (AzureMlRequestException e)
        {
            Log.DeploymentFailed(_logger, deployment, _ids.EndpointName, e.Message);
            throw new DeploymentFailedException(e.Message, e);
        }
        catch (TimeoutException e)
        {
            Log.DeploymentFailed(_logger, deployment, _ids.EndpointName, e.Message);
            throw new DeploymentFailedException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public async Task ScaleDeploymentAsync(string deployment, int instanceCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instanceCount, 1);
        var path = _ids.Deployment(deployment);
        var description = $"scaling deployment {AzureMlResourceIds.Normalize(deployment)} to {instanceCount} instances";
        var current = await _connection.SendAsync(RequestMethod.Get, path, ApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (current.Status == 404)
        {
            throw new InvalidOperationException($"Deployment {deployment} does not exist on endpoint {_ids.EndpointName}; it cannot be scaled.");
        }

        EnsureSuccess(current, description);
        var resource = current.Json();
        var status = AzureMlResource.ToStatus(resource);
        if (status.InstanceCount == instanceCount && status.Provisioning == ProvisioningState.Succeeded)
        {
            return;
        }

        // Scaling is a full PUT of the deployment with sku.capacity, as `az ml online-deployment update` does.
        var body = AzureMlResource.ForPut(resource);
        var sku = body["sku"] as JsonObject ?? [];
        sku["name"] ??= "Default";
        sku["capacity"] = instanceCount;
        body["sku"] = sku;
        Log.Scaling(_logger, deployment, _ids.EndpointName, status.InstanceCount, instanceCount);
        try
        {
            var response = await SendAsync(RequestMethod.Put, path, body, description, cancellationToken).ConfigureAwait(false);
            await _poller.WaitAsync(response, path, ArmOperationPoller.Kind.Put, description, _connection.Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AzureMlRequestException e) when (e.Status is 0 or 400)
        {
            // Refused (e.g. quota) or ended Failed: retrying the same request will not help, so the step fails.
            throw new DeploymentFailedException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public async Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        var endpoint = await RequireEndpointAsync(cancellationToken).ConfigureAwait(false);
        var deployments = await ListDeploymentsAsync(cancellationToken).ConfigureAwait(false);
        var state = AzureMlResource.ToState(_ids.EndpointName, endpoint, deployments);

        // Refuse client-side, before any PUT, with the same rules plan validation and the local host use.
        var violations = EndpointRules.CheckTraffic(split, state.Compute, state.Deployments);
        if (violations.Count > 0)
        {
            var refusal = new EndpointRuleViolationException(violations);
            Log.TrafficRefused(_logger, _ids.EndpointName, split, refusal.Message);
            throw refusal;
        }

        if (AzureMlResource.Normalized(state.Traffic).Equals(AzureMlResource.Normalized(split)))
        {
            // Already there (a reconcile after a crash or a retry): a PUT would only start a needless operation.
            Log.TrafficUnchanged(_logger, _ids.EndpointName, split);
            return;
        }

        var body = AzureMlResource.ForPut(endpoint);
        var properties = body["properties"] as JsonObject ?? [];
        properties["traffic"] = AzureMlResource.TrafficMap(split.Live);
        if (state.Compute == EndpointCompute.Managed)
        {
            properties["mirrorTraffic"] = AzureMlResource.TrafficMap(split.Mirror);
        }

        body["properties"] = properties;
        var description = $"traffic update of endpoint {_ids.EndpointName} to {split}";
        Log.SettingTraffic(_logger, _ids.EndpointName, state.Traffic, split);
        var response = await _connection.SendAsync(RequestMethod.Put, _ids.Endpoint, ApiVersion, body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        if (response.Status == 400)
        {
            // The service's own validation (contract §1.6) refused it; nothing changed.
            var (code, message) = response.Error();
            throw new EndpointRuleViolationException($"Azure ML refused {description}: ({code}) {message}");
        }

        EnsureSuccess(response, description);
        await _poller.WaitAsync(response, _ids.Endpoint, ArmOperationPoller.Kind.Put, description, _connection.Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteDeploymentAsync(string deployment, CancellationToken cancellationToken = default)
    {
        var endpoint = await GetEndpointAsync(cancellationToken).ConfigureAwait(false);
        var path = _ids.Deployment(deployment);
        var existing = endpoint is null ? null : await _connection.SendAsync(RequestMethod.Get, path, ApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (endpoint is null || existing?.Status == 404)
        {
            Log.DeploymentAlreadyGone(_logger, deployment, _ids.EndpointName);
            return;
        }

        var violations = EndpointRules.CheckDelete(deployment, AzureMlResource.TrafficOf(endpoint));
        if (violations.Count > 0)
        {
            throw new EndpointRuleViolationException(violations);
        }

        var description = $"deletion of deployment {AzureMlResourceIds.Normalize(deployment)} from endpoint {_ids.EndpointName}";
        Log.DeletingDeployment(_logger, deployment, _ids.EndpointName);
        var response = await _connection.SendAsync(RequestMethod.Delete, path, ApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return;
        }

        EnsureSuccess(response, description);
        await _poller.WaitAsync(response, path, ArmOperationPoller.Kind.Delete, description, _connection.Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<InvocationResult> InvokeAsync(string requestBody, string? deployment = null, CancellationToken cancellationToken = default) =>
        new AzureMlScoringClient(_connection, _ids, _logger).InvokeAsync(requestBody, deployment, cancellationToken);

    /// <inheritdoc />
    public async Task<string> GetLogsAsync(string deployment, int lines = 100, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["containerType"] = "InferenceServer", ["tail"] = lines };
        var response = await SendAsync(RequestMethod.Post, _ids.Deployment(deployment) + "/getLogs", body, $"getLogs of deployment {deployment}", cancellationToken).ConfigureAwait(false);
        return response.Json()["content"]?.GetValue<string>() ?? "";
    }

    private async Task<JsonObject?> GetEndpointAsync(CancellationToken cancellationToken)
    {
        var response = await _connection.SendAsync(RequestMethod.Get, _ids.Endpoint, ApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        EnsureSuccess(response, $"GET endpoint {_ids.EndpointName}");
        return response.Json();
    }

    private async Task<JsonObject> RequireEndpointAsync(CancellationToken cancellationToken) =>
        await GetEndpointAsync(cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Azure ML online endpoint {_ids.EndpointName} does not exist.");

    private async Task<List<JsonObject>> ListDeploymentsAsync(CancellationToken cancellationToken)
    {
        var deployments = new List<JsonObject>();
        string? page = _ids.Deployments;
        while (page is not null)
        {
            var response = await _connection.SendAsync(RequestMethod.Get, page, ApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
            EnsureSuccess(response, $"LIST deployments of endpoint {_ids.EndpointName}");
            var json = response.Json();
            deployments.AddRange((json["value"] as JsonArray ?? []).OfType<JsonObject>());
            page = json["nextLink"]?.GetValue<string>() is { Length: > 0 } next ? next : null;
        }

        return deployments;
    }

    private async Task<string> GetWorkspaceLocationAsync(CancellationToken cancellationToken)
    {
        var response = await _connection.SendAsync(RequestMethod.Get, _ids.Workspace, ApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "GET workspace (for the new endpoint's location)");
        return response.Json()["location"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"The workspace has no location; set {AzureMlOptions.SectionName}:Location.");
    }

    private async Task<ArmResponse> SendAsync(RequestMethod method, string path, JsonObject body, string description, CancellationToken cancellationToken)
    {
        var response = await _connection.SendAsync(method, path, ApiVersion, body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, description);
        return response;
    }

    private static void EnsureSuccess(ArmResponse response, string description)
    {
        if (!response.IsSuccess)
        {
            var (code, message) = response.Error();
            throw new AzureMlRequestException(description, response.Status, code, message);
        }
    }
}
