using System.Text.Json.Serialization;
using Policies.Gates;

namespace Orchestrator.Plans;

/// <summary>
/// A validated, fully expanded rollout plan: the data every other part of the service works from.
/// The parser produces it; nothing else constructs one from user input.
/// </summary>
/// <param name="Target">Which endpoint, on which platform.</param>
/// <param name="Baseline">The deployment serving today ("blue").</param>
/// <param name="Candidate">The deployment being rolled out ("green").</param>
/// <param name="Steps">The expanded steps; never empty (omitted steps expand to the default path).</param>
/// <param name="Policy">The gate policy, resolved at submit time so later edits to <c>policies/</c> do not change a running rollout.</param>
/// <param name="Rollback">What a rollback does with the candidate.</param>
/// <param name="OnBusyEndpoint">What a submit does while another rollout holds the endpoint (plans stored before the field existed read as reject).</param>
public sealed record RolloutPlan(
    TargetSpec Target,
    BaselineSpec Baseline,
    CandidateSpec Candidate,
    IReadOnlyList<RolloutStep> Steps,
    GatePolicy Policy,
    RollbackOptions Rollback,
    BusyEndpointPolicy OnBusyEndpoint = BusyEndpointPolicy.Reject);

/// <summary>Where the rollout happens.</summary>
/// <param name="Kind">The platform.</param>
/// <param name="Endpoint">The online endpoint's name.</param>
/// <param name="Azure">Subscription, resource group and workspace; required when <paramref name="Kind"/> is <see cref="TargetKind.AzureMl"/>.</param>
/// <param name="Compute">Managed or Kubernetes: Kubernetes endpoints have no mirroring.</param>
public sealed record TargetSpec(TargetKind Kind, string Endpoint, AzureWorkspace? Azure, EndpointCompute Compute);

/// <summary>The platforms a rollout can target. JSON (the API, stored plans) names them as plans do (<c>target.kind</c>).</summary>
public enum TargetKind
{
    /// <summary>The embedded local endpoint host.</summary>
    [JsonStringEnumMemberName("local")]
    Local,

    /// <summary>An Azure Machine Learning online endpoint.</summary>
    [JsonStringEnumMemberName("azureml")]
    AzureMl,
}

/// <summary>Managed online endpoints support mirroring; Kubernetes online endpoints do not. JSON names them as plans do (<c>target.compute</c>).</summary>
public enum EndpointCompute
{
    /// <summary>A managed online endpoint.</summary>
    [JsonStringEnumMemberName("managed")]
    Managed,

    /// <summary>A Kubernetes online endpoint (no mirrored traffic).</summary>
    [JsonStringEnumMemberName("kubernetes")]
    Kubernetes,
}

/// <summary>The Azure ML workspace that holds the endpoint.</summary>
public sealed record AzureWorkspace(string SubscriptionId, string ResourceGroup, string Workspace);

/// <summary>The baseline deployment; its spec is only needed when the endpoint does not exist yet.</summary>
/// <param name="Name">Deployment name, e.g. <c>blue</c>.</param>
/// <param name="Spec">When present and the endpoint is missing, the rollout first creates it with the baseline at 100%.</param>
public sealed record BaselineSpec(string Name, DeploymentSpec? Spec);

/// <summary>The candidate deployment and its spec.</summary>
public sealed record CandidateSpec(string Name, DeploymentSpec Spec);

/// <summary>What a rollback does with the candidate deployment.</summary>
/// <param name="DeleteCandidate">True deletes the candidate after traffic is back on the baseline; false keeps it at 0%.</param>
public sealed record RollbackOptions(bool DeleteCandidate);
