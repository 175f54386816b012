using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>The endpoint's deployments: create or update, scale, delete, faults, logs, and restore after a restart.</summary>
public sealed partial class LocalEndpoint
{
    /// <summary>Creates or updates a deployment and waits until its instances are ready (a no-op when it already runs this spec).</summary>
    /// <exception cref="DeploymentFailedException">The spec is invalid (every problem named) or an instance did not get ready.</exception>
    public async Task PutDeploymentAsync(string name, DeploymentSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = LocalDeploymentSpecValidator.Validate(name, spec);
        if (problems.Count > 0)
        {
            throw new DeploymentFailedException($"deployment '{name}' on endpoint '{Name}' is invalid: {string.Join("; ", problems)}");
        }

        LocalDeployment deployment;
        var created = false;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var routing = Routing;
            var existing = routing.Find(name);
            if (existing is null)
            {
                existing = new LocalDeployment(_context, Name, name, spec, spec.Faults ?? FaultInjection.None, ProvisioningState.Creating);
                await SwapAsync(routing, routing.With(routing.Deployments.Append(existing))).ConfigureAwait(false);
                created = true;
            }

            deployment = existing;
        }
        finally
        {
            _gate.Release();
        }

        await deployment.Operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!created && deployment.Provisioning == ProvisioningState.Succeeded && LocalDeploymentSpecValidator.SameSpec(deployment.Spec, spec))
            {
                return;
            }

            deployment.MarkInProgress(created ? ProvisioningState.Creating : ProvisioningState.Updating);
            await ProvisionAsync(deployment, () => deployment.ProvisionAsync(spec, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            deployment.Operation.Release();
        }
    }

    /// <summary>Sets a deployment's instance count (processes) and waits until the added ones are ready.</summary>
    /// <exception cref="DeploymentFailedException">An added instance did not get ready.</exception>
    public async Task ScaleDeploymentAsync(string name, int instanceCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instanceCount, 1);
        var deployment = Require(name);
        await deployment.Operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (deployment.Provisioning == ProvisioningState.Succeeded && deployment.Instances.Length == instanceCount)
            {
                return;
            }

            deployment.MarkInProgress(ProvisioningState.Updating);
            await ProvisionAsync(deployment, () => deployment.ScaleAsync(instanceCount, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            deployment.Operation.Release();
        }
    }

    /// <summary>Deletes a deployment and stops its processes; its mirror share goes in the same update. Succeeds when it is already gone.</summary>
    /// <exception cref="EndpointRuleViolationException">It still has live traffic; nothing changed.</exception>
    public async Task DeleteDeploymentAsync(string name, CancellationToken cancellationToken = default)
    {
        LocalDeployment? deployment;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var routing = Routing;
            deployment = routing.Find(name);
            if (deployment is null)
            {
                return;
            }

            var violations = EndpointRules.CheckDelete(deployment.Name, routing.Split);
            if (violations.Count > 0)
            {
                throw new EndpointRuleViolationException(violations);
            }

            var split = TrafficSplit.Create(routing.Split.Live, routing.Split.Mirror.Where(m => !string.Equals(m.Key, deployment.Name, StringComparison.OrdinalIgnoreCase)));
            await SwapAsync(routing, new RoutingTable(split, routing.Deployments.Where(d => d != deployment))).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        // A put still starting it finishes first; then its processes stop.
        await deployment.Operation.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await deployment.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            deployment.Operation.Release();
        }

        LocalHostLog.DeploymentDeleted(_logger, Name, deployment.Name);
    }

    /// <summary>Changes a deployment's injected faults now: running instances at once, restarted ones too, until the next put.</summary>
    /// <exception cref="ArgumentException">The faults are out of range; every bad field is named.</exception>
    public async Task SetFaultsAsync(string name, FaultInjection faults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var problems = LocalDeploymentSpecValidator.ValidateFaults(faults);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"faults for deployment '{name}' are invalid: {string.Join("; ", problems)}", nameof(faults));
        }

        var deployment = Require(name);
        await deployment.SetFaultsAsync(faults, cancellationToken).ConfigureAwait(false);
        await _persist(CancellationToken.None).ConfigureAwait(false);
        LocalHostLog.FaultsChanged(_logger, Name, deployment.Name, faults);
    }

    /// <summary>The tail of a deployment's processes' output, one section per instance.</summary>
    public string GetLogs(string name, int lines = 100) => Require(name).Logs(Math.Max(1, lines));

    /// <summary>A deployment's instances now: process ids, readiness and restarts.</summary>
    public IReadOnlyList<LocalInstanceInfo> GetInstances(string name) =>
        [.. Require(name).Instances.Select(i => new LocalInstanceInfo(i.Label, i.ProcessId, i.ReadyUri is not null, i.Restarts, i.ReadyUri))];

    /// <summary>Brings back stored deployments and traffic, restarting every deployment that had not failed.</summary>
    internal async Task RestoreAsync(EndpointRecord record, CancellationToken cancellationToken = default)
    {
        var deployments = record.Deployments
            .Select(d => new LocalDeployment(_context, Name, d.Name, d.Spec, d.Faults, d.Provisioning == ProvisioningState.Failed ? ProvisioningState.Failed : ProvisioningState.Updating, d.Error))
            .ToList();
        Volatile.Write(ref _routing, new RoutingTable(TrafficSplit.Create(record.Traffic, record.MirrorTraffic), deployments));
        await Task.WhenAll(deployments.Where(d => d.Provisioning != ProvisioningState.Failed).Select(async d =>
        {
            try
            {
                await ProvisionAsync(d, () => d.ProvisionAsync(d.Spec, d.Faults, cancellationToken)).ConfigureAwait(false);
            }
            catch (DeploymentFailedException)
            {
                // Recorded as Failed on the deployment; the endpoint itself comes back.
            }
        })).ConfigureAwait(false);
    }

    private async Task ProvisionAsync(LocalDeployment deployment, Func<Task> provision)
    {
        try
        {
            await provision().ConfigureAwait(false);
            LocalHostLog.DeploymentReady(_logger, Name, deployment.Name, deployment.Instances.Length);
        }
        catch (DeploymentFailedException ex)
        {
            LocalHostLog.DeploymentFailed(_logger, Name, deployment.Name, ex.Message);
            throw;
        }
        finally
        {
            await _persist(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private LocalDeployment Require(string name) =>
        Routing.Find(name) ?? throw new InvalidOperationException($"deployment '{name}' does not exist on endpoint '{Name}'");
}
