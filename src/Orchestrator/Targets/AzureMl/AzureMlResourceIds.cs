using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl;

/// <summary>ARM paths of one online endpoint and its deployments (contract §1.1). Names are lower-cased, as the Azure CLI does.</summary>
internal sealed class AzureMlResourceIds
{
    public AzureMlResourceIds(AzureWorkspace workspace, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        Workspace = $"/subscriptions/{Escape(workspace.SubscriptionId)}/resourceGroups/{Escape(workspace.ResourceGroup)}/providers/Microsoft.MachineLearningServices/workspaces/{Escape(workspace.Workspace)}";
        EndpointName = Normalize(endpoint);
        Endpoint = $"{Workspace}/onlineEndpoints/{Escape(EndpointName)}";
        SubscriptionId = workspace.SubscriptionId;
    }

    /// <summary>The ids of a plan's Azure ML target.</summary>
    /// <exception cref="ArgumentException">The target names no workspace.</exception>
    public static AzureMlResourceIds Of(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var workspace = target.Azure ?? throw new ArgumentException($"Target {target.Endpoint} has no Azure workspace (subscription, resource group, workspace).", nameof(target));
        return new AzureMlResourceIds(workspace, target.Endpoint);
    }

    /// <summary>The subscription, for asset ids.</summary>
    public string SubscriptionId { get; }

    /// <summary>The workspace's id.</summary>
    public string Workspace { get; }

    /// <summary>The endpoint's name, lower-cased.</summary>
    public string EndpointName { get; }

    /// <summary>The endpoint's id.</summary>
    public string Endpoint { get; }

    /// <summary>The collection of the endpoint's deployments.</summary>
    public string Deployments => Endpoint + "/deployments";

    /// <summary>The endpoint's Azure Monitor metrics.</summary>
    public string Metrics => Endpoint + "/providers/Microsoft.Insights/metrics";

    /// <summary>One deployment's id.</summary>
    public string Deployment(string name) => $"{Deployments}/{Escape(Normalize(name))}";

    /// <summary>Azure ML compares names case-insensitively; the CLI sends them lower-cased, and so do we.</summary>
    public static string Normalize(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
#pragma warning disable CA1308 // Azure ML and its CLI use lower case, not upper case, as the canonical form.
        return name.ToLowerInvariant();
#pragma warning restore CA1308
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
