using System.Text.Json.Serialization;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>
/// What <c>local-endpoints.json</c> (and its journal) holds: every endpoint the host owns, enough to bring it back
/// as it was. <paramref name="Sequence"/> grows with every state the host writes, so the newer of the two files wins.
/// </summary>
internal sealed record LocalHostRecord(int Version, IReadOnlyList<EndpointRecord> Endpoints, long Sequence = 0)
{
    public const int CurrentVersion = 1;

    /// <summary>No endpoints (nothing stored yet).</summary>
    public static LocalHostRecord Empty { get; } = new(CurrentVersion, []);
}

/// <summary>One endpoint: where it listens, its keys, its traffic and its deployments.</summary>
internal sealed record EndpointRecord(
    string Name,
    EndpointCompute Compute,
    int Port,
    string PrimaryKey,
    string SecondaryKey,
    IReadOnlyDictionary<string, int> Traffic,
    IReadOnlyDictionary<string, int> MirrorTraffic,
    IReadOnlyList<DeploymentRecord> Deployments);

/// <summary>One deployment: its spec, the faults in force (they may differ from the spec's) and its provisioning.</summary>
internal sealed record DeploymentRecord(string Name, DeploymentSpec Spec, FaultInjection Faults, Endpoints.ProvisioningState Provisioning, string? Error);

/// <summary>Source-generated JSON for the store (enums as names, readable by people; older files' member names, e.g. <c>Managed</c>, still read).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, Converters = [typeof(Policies.Documents.NamedEnumConverter)], PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LocalHostRecord))]
[JsonSerializable(typeof(DeploymentSpec))]
internal sealed partial class LocalEndpointJsonContext : JsonSerializerContext;
