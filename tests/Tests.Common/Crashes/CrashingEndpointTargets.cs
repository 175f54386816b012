using System.Text.Json;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets;

namespace Tests.Common.Crashes;

/// <summary>
/// The fake endpoints seen through a <see cref="CrashFuse"/>: every endpoint write and the smoke-test invoke can be the
/// call the process dies at, and each one that takes effect is written to the <see cref="SideEffectJournal"/>.
/// </summary>
public sealed class CrashingEndpointTargets(FakeEndpoints endpoints, CrashFuse fuse, SideEffectJournal journal, TimeProvider clock) : IEndpointTargetFactory
{
    /// <inheritdoc />
    public IEndpointTarget Create(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new Target(endpoints.Endpoint(target.Endpoint, target.Compute), this);
    }

    private CrashFuse Fuse => fuse;

    private void Record(SideEffectKind kind, string subject, Func<SideEffect, SideEffect>? details = null)
    {
        var effect = new SideEffect(0, clock.GetUtcNow(), kind, subject);
        journal.Record(details is null ? effect : details(effect));
    }

    private sealed class Target(FakeEndpointTarget inner, CrashingEndpointTargets outer) : IEndpointTarget
    {
        private CrashFuse Fuse => outer.Fuse;

        public Task<EndpointState?> GetStateAsync(CancellationToken cancellationToken = default) => inner.GetStateAsync(cancellationToken);

        public Task EnsureEndpointAsync(CancellationToken cancellationToken = default) =>
            Fuse.RunAsync(SideEffectKind.EnsureEndpoint, "endpoint", async () =>
            {
                await inner.EnsureEndpointAsync(cancellationToken);
                outer.Record(SideEffectKind.EnsureEndpoint, "endpoint");
            });

        public Task PutDeploymentAsync(string deployment, DeploymentSpec spec, CancellationToken cancellationToken = default) =>
            Fuse.RunAsync(SideEffectKind.PutDeployment, deployment, async () =>
            {
                var existed = inner.DeploymentNames().Contains(deployment, StringComparer.OrdinalIgnoreCase);
                await inner.PutDeploymentAsync(deployment, spec, cancellationToken);
                outer.Record(SideEffectKind.PutDeployment, deployment, e => e with { Deployment = deployment, SpecJson = JsonSerializer.Serialize(spec), Existed = existed });
            });

        public Task ScaleDeploymentAsync(string deployment, int instanceCount, CancellationToken cancellationToken = default) =>
            Fuse.RunAsync(SideEffectKind.ScaleDeployment, deployment, async () =>
            {
                await inner.ScaleDeploymentAsync(deployment, instanceCount, cancellationToken);
                outer.Record(SideEffectKind.ScaleDeployment, $"{deployment} to {instanceCount}", e => e with { Deployment = deployment });
            });

        public Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default) =>
            Fuse.RunAsync(SideEffectKind.SetTraffic, split.ToString(), async () =>
            {
                var state = await inner.GetStateAsync(cancellationToken);
                var provisioned = state?.Deployments.Where(d => d.Provisioning == ProvisioningState.Succeeded).Select(d => d.Name).ToList() ?? [];
                await inner.SetTrafficAsync(split, cancellationToken);
                outer.Record(SideEffectKind.SetTraffic, split.ToString(), e => e with { Traffic = split, Provisioned = provisioned });
            });

        public Task DeleteDeploymentAsync(string deployment, CancellationToken cancellationToken = default) =>
            Fuse.RunAsync(SideEffectKind.DeleteDeployment, deployment, async () =>
            {
                var existed = inner.DeploymentNames().Contains(deployment, StringComparer.OrdinalIgnoreCase);
                await inner.DeleteDeploymentAsync(deployment, cancellationToken);
                outer.Record(SideEffectKind.DeleteDeployment, deployment, e => e with { Deployment = deployment, Existed = existed });
            });

        public Task<InvocationResult> InvokeAsync(string requestBody, string? deployment = null, CancellationToken cancellationToken = default) =>
            Fuse.RunAsync(SideEffectKind.Invoke, deployment ?? "endpoint", async () =>
            {
                var result = await inner.InvokeAsync(requestBody, deployment, cancellationToken);
                outer.Record(SideEffectKind.Invoke, deployment ?? "endpoint", e => e with { Deployment = deployment });
                return result;
            });

        public Task<string> GetLogsAsync(string deployment, int lines = 100, CancellationToken cancellationToken = default) =>
            inner.GetLogsAsync(deployment, lines, cancellationToken);
    }
}
