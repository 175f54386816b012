using Orchestrator.Plans;

namespace Orchestrator.Endpoints;

/// <summary>What a target reports about an endpoint right now.</summary>
/// <param name="Name">The endpoint's name.</param>
/// <param name="Compute">Managed or Kubernetes.</param>
/// <param name="Provisioning">The endpoint's own provisioning state.</param>
/// <param name="Traffic">Live and mirrored traffic.</param>
/// <param name="Deployments">The endpoint's deployments.</param>
/// <param name="ScoringUri">Where clients score, when known.</param>
public sealed record EndpointState(
    string Name,
    EndpointCompute Compute,
    ProvisioningState Provisioning,
    TrafficSplit Traffic,
    IReadOnlyList<DeploymentStatus> Deployments,
    Uri? ScoringUri)
{
    /// <summary>The named deployment, or null (names compare case-insensitively).</summary>
    public DeploymentStatus? Deployment(string name) =>
        Deployments.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One deployment as the target reports it.</summary>
/// <param name="Name">The deployment's name.</param>
/// <param name="Provisioning">Its provisioning state; traffic only goes to <see cref="ProvisioningState.Succeeded"/>.</param>
/// <param name="InstanceCount">Instances requested (local: processes).</param>
/// <param name="Error">The platform's message when provisioning failed.</param>
public sealed record DeploymentStatus(string Name, ProvisioningState Provisioning, int InstanceCount, string? Error = null);

/// <summary>Provisioning states of endpoints and deployments (Azure ML's set).</summary>
public enum ProvisioningState
{
    /// <summary>Being created.</summary>
    Creating,

    /// <summary>Being updated.</summary>
    Updating,

    /// <summary>Ready.</summary>
    Succeeded,

    /// <summary>Creation or update failed.</summary>
    Failed,

    /// <summary>Being deleted.</summary>
    Deleting,

    /// <summary>The operation was canceled.</summary>
    Canceled,
}
