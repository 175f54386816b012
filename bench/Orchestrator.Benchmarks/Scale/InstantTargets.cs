using System.Collections.Concurrent;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets;

namespace Orchestrator.Benchmarks.Scale;

/// <summary>
/// A fast in-process stand-in for the endpoint platform: every call answers at once from a small immutable state
/// per endpoint, so the scale benchmark measures the orchestrator, not a target. Its own memory is measured and
/// reported apart (<see cref="Clear"/>), since a real platform keeps this state outside the service.
/// </summary>
internal sealed class InstantTargets : IEndpointTargetFactory
{
    private readonly ConcurrentDictionary<string, InstantTarget> _targets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Endpoints created so far.</summary>
    public int Count => _targets.Count;

    /// <inheritdoc />
    public IEndpointTarget Create(TargetSpec target) => _targets.GetOrAdd(target.Endpoint, static (name, compute) => new InstantTarget(name, compute), target.Compute);

    /// <summary>Forgets every endpoint (to measure what they held).</summary>
    public void Clear() => _targets.Clear();

    private sealed class InstantTarget(string name, EndpointCompute compute) : IEndpointTarget
    {
        private static readonly Task<InvocationResult> Answer = Task.FromResult(new InvocationResult(200, "[0.5, 0.5]", null));
        private readonly Lock _gate = new();
        private EndpointState? _state;

        public Task<EndpointState?> GetStateAsync(CancellationToken cancellationToken = default) => Task.FromResult(Volatile.Read(ref _state));

        public Task EnsureEndpointAsync(CancellationToken cancellationToken = default) =>
            Change(state => state ?? new EndpointState(name, compute, ProvisioningState.Succeeded, TrafficSplit.Empty, [], null));

        public Task PutDeploymentAsync(string deployment, DeploymentSpec spec, CancellationToken cancellationToken = default) =>
            Change(state => Existing(state) with { Deployments = [.. Existing(state).Deployments.Where(d => !Same(d.Name, deployment)), new DeploymentStatus(deployment, ProvisioningState.Succeeded, spec.InstanceCount)] });

        public Task ScaleDeploymentAsync(string deployment, int instanceCount, CancellationToken cancellationToken = default) =>
            Change(state => Existing(state) with { Deployments = [.. Existing(state).Deployments.Select(d => Same(d.Name, deployment) ? d with { InstanceCount = instanceCount } : d)] });

        public Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default) =>
            Change(state => Existing(state) with { Traffic = split });

        public Task DeleteDeploymentAsync(string deployment, CancellationToken cancellationToken = default) =>
            Change(state => state is null ? null : state with { Deployments = [.. state.Deployments.Where(d => !Same(d.Name, deployment))] });

        public Task<InvocationResult> InvokeAsync(string requestBody, string? deployment = null, CancellationToken cancellationToken = default) => Answer;

        public Task<string> GetLogsAsync(string deployment, int lines = 100, CancellationToken cancellationToken = default) => Task.FromResult(string.Empty);

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private EndpointState Existing(EndpointState? state) => state ?? throw new InvalidOperationException($"endpoint {name} does not exist");

        private Task Change(Func<EndpointState?, EndpointState?> change)
        {
            lock (_gate)
            {
                Volatile.Write(ref _state, change(_state));
            }

            return Task.CompletedTask;
        }
    }
}
