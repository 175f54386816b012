using Orchestrator.Plans;

namespace Orchestrator.Endpoints;

/// <summary>
/// The endpoint rules, in one pure module used by plan validation, the local endpoint host and the targets.
/// Every check returns every violation at once; an empty list means the change is allowed.
/// </summary>
public static class EndpointRules
{
    /// <summary>The most an endpoint may mirror (Azure ML's documented limit).</summary>
    public const int MaxMirrorPercent = 50;

    /// <summary>Checks a traffic+mirror update against the endpoint's deployments.</summary>
    /// <param name="split">The split the update asks for.</param>
    /// <param name="compute">Managed or Kubernetes.</param>
    /// <param name="deployments">The endpoint's deployments; null skips the provisioning rule (plan validation has no live endpoint).</param>
    public static IReadOnlyList<RuleViolation> CheckTraffic(TrafficSplit split, EndpointCompute compute, IReadOnlyCollection<DeploymentStatus>? deployments)
    {
        ArgumentNullException.ThrowIfNull(split);
        var violations = new List<RuleViolation>();

        foreach (var (name, percent) in split.Live.Concat(split.Mirror))
        {
            if (percent is < 0 or > 100)
            {
                violations.Add(new(EndpointRule.PercentRange, $"{percent}% for {name} is outside 0..100"));
            }
        }

        if (split.LiveTotal is not (0 or 100))
        {
            violations.Add(new(EndpointRule.LiveTotal, $"live traffic sums to {split.LiveTotal}, it must sum to 0 or 100"));
        }

        if (split.Mirror.Count > 1)
        {
            violations.Add(new(EndpointRule.SingleMirror, $"mirror traffic goes to {split.Mirror.Count} deployments ({string.Join(", ", split.Mirror.Keys)}); at most one may be mirrored"));
        }

        foreach (var (name, percent) in split.Mirror)
        {
            if (percent > MaxMirrorPercent)
            {
                violations.Add(new(EndpointRule.MirrorLimit, $"mirror {percent}% to {name} exceeds the {MaxMirrorPercent}% mirror limit"));
            }

            if (split.Live.ContainsKey(name))
            {
                violations.Add(new(EndpointRule.LiveOrMirror, $"{name} would get live and mirrored traffic at once"));
            }
        }

        if (compute == EndpointCompute.Kubernetes && split.Mirror.Count > 0)
        {
            violations.Add(new(EndpointRule.NoMirrorOnKubernetes, "Kubernetes online endpoints do not support mirrored traffic"));
        }

        if (deployments is not null)
        {
            foreach (var name in split.Live.Keys.Concat(split.Mirror.Keys))
            {
                var deployment = deployments.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
                if (deployment is null)
                {
                    violations.Add(new(EndpointRule.ProvisionedOnly, $"deployment {name} does not exist"));
                }
                else if (deployment.Provisioning != ProvisioningState.Succeeded)
                {
                    violations.Add(new(EndpointRule.ProvisionedOnly, $"deployment {name} is {deployment.Provisioning}, traffic only goes to a deployment whose provisioning succeeded"));
                }
            }
        }

        return violations;
    }

    /// <summary>Checks that a deployment may be deleted under the current split.</summary>
    public static IReadOnlyList<RuleViolation> CheckDelete(string deployment, TrafficSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var live = split.LiveOf(deployment);
        return live > 0
            ? [new(EndpointRule.NoDeleteWithLiveTraffic, $"deployment {deployment} has {live}% live traffic; set it to 0% before deleting it")]
            : [];
    }
}
