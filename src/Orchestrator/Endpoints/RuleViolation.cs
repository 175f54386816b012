namespace Orchestrator.Endpoints;

/// <summary>One broken endpoint rule, with a plain reason a user can act on.</summary>
/// <param name="Rule">Which rule.</param>
/// <param name="Message">Why, e.g. <c>mirror 60% to green exceeds the 50% mirror limit</c>.</param>
public sealed record RuleViolation(EndpointRule Rule, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>The endpoint rules (Azure ML's V1..V7 in azureml-contract.md §1.6).</summary>
public enum EndpointRule
{
    /// <summary>Percents are integers in 0..100.</summary>
    PercentRange,

    /// <summary>Live traffic sums to 0 or 100.</summary>
    LiveTotal,

    /// <summary>At most one deployment receives mirrored traffic.</summary>
    SingleMirror,

    /// <summary>Mirrored traffic is at most 50%.</summary>
    MirrorLimit,

    /// <summary>A deployment receives live or mirrored traffic, never both.</summary>
    LiveOrMirror,

    /// <summary>Kubernetes endpoints have no mirroring.</summary>
    NoMirrorOnKubernetes,

    /// <summary>Traffic only names deployments that exist and whose provisioning succeeded.</summary>
    ProvisionedOnly,

    /// <summary>A deployment with live traffic cannot be deleted.</summary>
    NoDeleteWithLiveTraffic,
}
