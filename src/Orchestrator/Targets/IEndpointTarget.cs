using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets;

/// <summary>
/// One online endpoint on one platform. Every method is idempotent in effect, so the worker can reconcile
/// (read actual → compare → one update) and repeat safely after a crash or a retry.
/// </summary>
public interface IEndpointTarget
{
    /// <summary>Reads the endpoint: traffic, mirror, deployments and their provisioning; null when the endpoint does not exist.</summary>
    Task<EndpointState?> GetStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the endpoint (no deployments, no traffic) when it does not exist; waits until it is ready.</summary>
    Task EnsureEndpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a deployment and waits for provisioning to succeed.</summary>
    /// <exception cref="DeploymentFailedException">Provisioning failed or timed out; the message is the platform's.</exception>
    Task PutDeploymentAsync(string deployment, DeploymentSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Sets a deployment's instance count and waits for it to take effect.</summary>
    Task ScaleDeploymentAsync(string deployment, int instanceCount, CancellationToken cancellationToken = default);

    /// <summary>Sets live traffic and mirror together, in one atomic update.</summary>
    /// <exception cref="EndpointRuleViolationException">The split breaks an endpoint rule; nothing changed.</exception>
    Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default);

    /// <summary>Deletes a deployment and waits; succeeds when it is already gone.</summary>
    /// <exception cref="EndpointRuleViolationException">The deployment still has live traffic; nothing changed.</exception>
    Task DeleteDeploymentAsync(string deployment, CancellationToken cancellationToken = default);

    /// <summary>Scores one request through the endpoint's data plane, optionally pinned to one deployment.</summary>
    Task<InvocationResult> InvokeAsync(string requestBody, string? deployment = null, CancellationToken cancellationToken = default);

    /// <summary>The tail of a deployment's logs.</summary>
    Task<string> GetLogsAsync(string deployment, int lines = 100, CancellationToken cancellationToken = default);
}

/// <summary>The answer of one scoring request.</summary>
/// <param name="StatusCode">HTTP status the client saw.</param>
/// <param name="Body">Response body.</param>
/// <param name="ServedBy">The deployment named in the <c>azureml-model-deployment</c> response header, when present.</param>
public sealed record InvocationResult(int StatusCode, string Body, string? ServedBy);
