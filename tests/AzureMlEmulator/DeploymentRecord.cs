using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>A deployment as stored: its resource JSON and its log lines.</summary>
internal sealed class DeploymentRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required JsonObject Resource { get; set; }

    public List<string> Logs { get; } = [];

    public JsonObject Properties => (JsonObject)Resource["properties"]!;

    public string ProvisioningState
    {
        get => Properties["provisioningState"]?.GetValue<string>() ?? "Succeeded";
        set => Properties["provisioningState"] = value;
    }

    public int Capacity => Resource["sku"]?["capacity"]?.GetValue<int>() ?? 1;

    /// <summary>Which sample model this deployment serves (§5.2): model-2 answers a constant, anything else is model-1.</summary>
    public bool IsConstantModel => Properties["model"]?.GetValue<string>()?.Contains("model-2", StringComparison.OrdinalIgnoreCase) == true;
}
