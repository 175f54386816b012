using System.Net.Http.Headers;
using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>
/// <see cref="IEndpointTarget"/> over one endpoint of the embedded <see cref="LocalEndpointHost"/>. Control calls
/// go to the host in-process; <see cref="InvokeAsync"/> goes through the endpoint's real HTTP data plane.
/// </summary>
public sealed class LocalEndpointTarget : IEndpointTarget
{
    private readonly LocalEndpointHost _host;
    private readonly string _endpoint;
    private readonly EndpointCompute _compute;

    /// <summary>A target for one endpoint (it need not exist yet).</summary>
    public LocalEndpointTarget(LocalEndpointHost host, string endpoint, EndpointCompute compute = EndpointCompute.Managed)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        _host = host;
        _endpoint = endpoint;
        _compute = compute;
    }

    /// <inheritdoc />
    public Task<EndpointState?> GetStateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_host.GetEndpoint(_endpoint)?.GetState());

    /// <inheritdoc />
    public Task EnsureEndpointAsync(CancellationToken cancellationToken = default) =>
        _host.EnsureEndpointAsync(_endpoint, _compute, cancellationToken);

    /// <inheritdoc />
    public Task PutDeploymentAsync(string deployment, DeploymentSpec spec, CancellationToken cancellationToken = default) =>
        Endpoint().PutDeploymentAsync(deployment, spec, cancellationToken);

    /// <inheritdoc />
    public Task ScaleDeploymentAsync(string deployment, int instanceCount, CancellationToken cancellationToken = default) =>
        Endpoint().ScaleDeploymentAsync(deployment, instanceCount, cancellationToken);

    /// <inheritdoc />
    public Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default) =>
        Endpoint().SetTrafficAsync(split, cancellationToken);

    /// <inheritdoc />
    public Task DeleteDeploymentAsync(string deployment, CancellationToken cancellationToken = default) =>
        _host.GetEndpoint(_endpoint)?.DeleteDeploymentAsync(deployment, cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(string requestBody, string? deployment = null, CancellationToken cancellationToken = default)
    {
        var endpoint = Endpoint();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.ScoringUri)
        {
            Content = new StringContent(requestBody, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Keys.PrimaryKey);
        if (deployment is not null)
        {
            request.Headers.Add(EndpointDataPlane.DeploymentHeader, deployment);
        }

        using var response = await _host.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var servedBy = response.Headers.TryGetValues(EndpointDataPlane.DeploymentHeader, out var values) ? values.FirstOrDefault() : null;
        return new InvocationResult((int)response.StatusCode, body, servedBy);
    }

    /// <inheritdoc />
    public Task<string> GetLogsAsync(string deployment, int lines = 100, CancellationToken cancellationToken = default) =>
        Task.FromResult(Endpoint().GetLogs(deployment, lines));

    private LocalEndpoint Endpoint() =>
        _host.GetEndpoint(_endpoint) ?? throw new InvalidOperationException($"local endpoint '{_endpoint}' does not exist (EnsureEndpointAsync creates it)");
}
