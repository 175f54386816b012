using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets;

namespace Orchestrator.Api.Tests;

/// <summary>A target factory whose endpoints answer GetState with whatever the test sets; nothing else is used by the API.</summary>
internal sealed class FakeTargets : IEndpointTargetFactory
{
    public Func<TargetSpec, CancellationToken, Task<EndpointState?>> GetState { get; set; } =
        (target, _) => Task.FromResult<EndpointState?>(
            new EndpointState(target.Endpoint, EndpointCompute.Managed, ProvisioningState.Succeeded, TrafficSplit.AllTo("blue"), [new DeploymentStatus("blue", ProvisioningState.Succeeded, 1)], null));

    public IEndpointTarget Create(TargetSpec target) => new Target(this, target);

    private sealed class Target(FakeTargets owner, TargetSpec spec) : IEndpointTarget
    {
        public Task<EndpointState?> GetStateAsync(CancellationToken cancellationToken = default) => owner.GetState(spec, cancellationToken);

        public Task EnsureEndpointAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task PutDeploymentAsync(string deployment, DeploymentSpec spec, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task ScaleDeploymentAsync(string deployment, int instanceCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteDeploymentAsync(string deployment, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<InvocationResult> InvokeAsync(string requestBody, string? deployment = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string> GetLogsAsync(string deployment, int lines = 100, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
