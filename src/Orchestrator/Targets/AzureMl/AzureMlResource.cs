using System.Text.Json.Nodes;
using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl;

/// <summary>Reads endpoint and deployment resources (contract §1.2, §2.2) and prepares them for a full PUT.</summary>
internal static class AzureMlResource
{
    private static readonly string[] ReadOnlyTopLevel = ["id", "name", "type", "systemData"];
    private static readonly string[] ReadOnlyProperties = ["provisioningState", "scoringUri", "swaggerUri", "keys"];

    /// <summary>The endpoint and its deployments as the rest of the service sees them.</summary>
    public static EndpointState ToState(string endpointName, JsonObject endpoint, IReadOnlyList<JsonObject> deployments)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var properties = endpoint["properties"] as JsonObject ?? [];
        var scoring = properties["scoringUri"]?.GetValue<string>();
        return new EndpointState(
            endpoint["name"]?.GetValue<string>() ?? endpointName,
            ComputeOf(endpoint, deployments),
            Provisioning(properties["provisioningState"]?.GetValue<string>()),
            TrafficOf(endpoint),
            [.. deployments.Select(ToStatus)],
            Uri.TryCreate(scoring, UriKind.Absolute, out var uri) ? uri : null);
    }

    /// <summary>A deployment's name, provisioning state and instance count (<c>sku.capacity</c>).</summary>
    public static DeploymentStatus ToStatus(JsonObject deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment["name"]?.GetValue<string>() ?? "";
        var state = deployment["properties"]?["provisioningState"]?.GetValue<string>();
        var capacity = deployment["sku"]?["capacity"]?.GetValue<int>() ?? 1;
        return new DeploymentStatus(name, Provisioning(state), capacity);
    }

    /// <summary>
    /// Kubernetes when the endpoint names a compute (Kubernetes endpoints attach one), says <c>kind: Kubernetes</c>,
    /// or holds a Kubernetes deployment; managed otherwise.
    /// </summary>
    public static EndpointCompute ComputeOf(JsonObject endpoint, IReadOnlyList<JsonObject> deployments)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var compute = endpoint["properties"]?["compute"]?.GetValue<string>();
        var kind = endpoint["kind"]?.GetValue<string>();
        var kubernetesDeployment = deployments.Any(d => string.Equals(d["properties"]?["endpointComputeType"]?.GetValue<string>(), "Kubernetes", StringComparison.OrdinalIgnoreCase));
        return !string.IsNullOrWhiteSpace(compute) || string.Equals(kind, "Kubernetes", StringComparison.OrdinalIgnoreCase) || kubernetesDeployment
            ? EndpointCompute.Kubernetes
            : EndpointCompute.Managed;
    }

    /// <summary>The endpoint's live and mirrored traffic.</summary>
    public static TrafficSplit TrafficOf(JsonObject endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var properties = endpoint["properties"] as JsonObject;
        return TrafficSplit.Create(Map(properties?["traffic"]), Map(properties?["mirrorTraffic"]));

        static IEnumerable<KeyValuePair<string, int>> Map(JsonNode? node) =>
            node is JsonObject map ? map.Select(p => KeyValuePair.Create(p.Key, p.Value?.GetValue<int>() ?? 0)) : [];
    }

    /// <summary>Azure ML's provisioning states; <c>Scaling</c> counts as an update.</summary>
    public static ProvisioningState Provisioning(string? state) => state?.ToUpperInvariant() switch
    {
        null or "SUCCEEDED" => ProvisioningState.Succeeded,
        "CREATING" => ProvisioningState.Creating,
        "FAILED" => ProvisioningState.Failed,
        "DELETING" => ProvisioningState.Deleting,
        "CANCELED" or "CANCELLED" => ProvisioningState.Canceled,
        _ => ProvisioningState.Updating,
    };

    /// <summary>
    /// A GET body made fit for a full PUT: read-only fields dropped (a stale <c>provisioningState</c> would be a 400,
    /// contract §6.5), everything else kept so the PUT changes only what we mean to change.
    /// </summary>
    public static JsonObject ForPut(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var copy = (JsonObject)resource.DeepClone();
        foreach (var key in ReadOnlyTopLevel)
        {
            copy.Remove(key);
        }

        if (copy["properties"] is JsonObject properties)
        {
            foreach (var key in ReadOnlyProperties)
            {
                properties.Remove(key);
            }
        }

        if (copy["identity"] is JsonObject identity)
        {
            identity.Remove("principalId");
            identity.Remove("tenantId");
            if (identity["userAssignedIdentities"] is JsonObject assigned)
            {
                foreach (var key in assigned.Select(p => p.Key).ToList())
                {
                    assigned[key] = new JsonObject();
                }
            }
        }

        return copy;
    }

    /// <summary>
    /// The split with lower-cased names, the form Azure stores. Compare normalized splits: TrafficSplit's own
    /// equality compares names case-sensitively (its entries' default comparer), although its keys are not.
    /// </summary>
    public static TrafficSplit Normalized(TrafficSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return TrafficSplit.Create(
            split.Live.Select(e => KeyValuePair.Create(AzureMlResourceIds.Normalize(e.Key), e.Value)),
            split.Mirror.Select(e => KeyValuePair.Create(AzureMlResourceIds.Normalize(e.Key), e.Value)));
    }

    /// <summary>A traffic map as the CLI sends it: zero entries stripped, names lower-cased.</summary>
    public static JsonObject TrafficMap(IEnumerable<KeyValuePair<string, int>> entries)
    {
        var map = new JsonObject();
        foreach (var (name, percent) in entries.Where(e => e.Value != 0))
        {
            map[AzureMlResourceIds.Normalize(name)] = percent;
        }

        return map;
    }
}
