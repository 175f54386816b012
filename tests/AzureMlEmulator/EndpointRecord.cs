using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>An online endpoint as stored: the resource JSON GET returns, its keys, deployments and running operation.</summary>
internal sealed class EndpointRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string WorkspaceKey { get; init; }

    public required JsonObject Resource { get; set; }

    public string PrimaryKey { get; set; } = NewKey();

    public string SecondaryKey { get; set; } = NewKey();

    public Dictionary<string, DeploymentRecord> Deployments { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The operation in progress on the endpoint or one of its deployments (V8: others conflict).</summary>
    public LongRunningOperation? Active { get; set; }

    public HashSet<string> IssuedTokens { get; } = new(StringComparer.Ordinal);

    public JsonObject Properties => (JsonObject)Resource["properties"]!;

    public bool IsKubernetes => Properties["compute"]?.GetValue<string>() is { Length: > 0 }
        || string.Equals(Resource["kind"]?.GetValue<string>(), "Kubernetes", StringComparison.OrdinalIgnoreCase);

    public string AuthMode => Properties["authMode"]?.GetValue<string>() ?? "Key";

    public string ProvisioningState
    {
        get => Properties["provisioningState"]?.GetValue<string>() ?? "Succeeded";
        set => Properties["provisioningState"] = value;
    }

    /// <summary>Live traffic as stored (what was PUT).</summary>
    public Dictionary<string, int> Traffic => Read("traffic");

    /// <summary>Mirrored traffic as stored.</summary>
    public Dictionary<string, int> Mirror => Read("mirrorTraffic");

    public static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private Dictionary<string, int> Read(string property)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (Properties[property] is JsonObject values)
        {
            foreach (var (name, value) in values)
            {
                map[name] = value?.GetValue<int>() ?? 0;
            }
        }

        return map;
    }
}
