using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets;

namespace Orchestrator.Benchmarks.Probes;

/// <summary>Hands out the real targets, noting in <see cref="RollbackMarks"/> when each traffic update has been applied.</summary>
internal sealed class ObservedTargetFactory(IEndpointTargetFactory inner, RollbackMarks marks) : IEndpointTargetFactory
{
    /// <inheritdoc />
    public IEndpointTarget Create(TargetSpec target) => new ObservedTarget(inner.Create(target), marks);

    private sealed class ObservedTarget(IEndpointTarget inner, RollbackMarks marks) : IEndpointTarget
    {
        public Task<EndpointState?> GetStateAsync(CancellationToken cancellationToken = default) => inner.GetStateAsync(cancellationToken);

        public Task EnsureEndpointAsync(CancellationToken cancellationToken = default) => inner.EnsureEndpointAsync(cancellationToken);

        public Task PutDeploymentAsync(string deployment, DeploymentSpec spec, CancellationToken cancellationToken = default) =>
            inner.PutDeploymentAsync(deployment, spec, cancellationToken);

        public Task ScaleDeploymentAsync(string deployment, int instanceCount, CancellationToken cancellationToken = default) =>
            inner.ScaleDeploymentAsync(deployment, instanceCount, cancellationToken);

        public async Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default)
        {
            marks.TrafficRequested(split);
            await inner.SetTrafficAsync(split, cancellationToken);
            marks.TrafficApplied(split);
        }

        public Task DeleteDeploymentAsync(string deployment, CancellationToken cancellationToken = default) =>
            inner.DeleteDeploymentAsync(deployment, cancellationToken);

        public Task<InvocationResult> InvokeAsync(string requestBody, string? deployment = null, CancellationToken cancellationToken = default) =>
            inner.InvokeAsync(requestBody, deployment, cancellationToken);

        public Task<string> GetLogsAsync(string deployment, int lines = 100, CancellationToken cancellationToken = default) =>
            inner.GetLogsAsync(deployment, lines, cancellationToken);
    }
}
