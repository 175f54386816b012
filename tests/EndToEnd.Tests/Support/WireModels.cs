using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Endpoints;
using Orchestrator.Rollouts;
using Policies.Gates;

// What a client reads from the API: the fields these tests look at, declared from docs/api.md rather than shared
// with the service, so a change of the wire format breaks them as it would break any client.
namespace EndToEnd.Tests.Support;

internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}

internal sealed record RolloutDto(
    Guid Id,
    string Endpoint,
    string Baseline,
    string Candidate,
    RolloutPhase State,
    RolloutPhase? PausedFrom,
    int StepIndex,
    int StepCount,
    string? StepKind,
    DateTimeOffset StepStartedAt,
    string? RollbackReason,
    string? FailureReason,
    TimeSpan? BakeTime,
    TrafficDto DesiredTraffic,
    ActualTrafficDto ActualTraffic,
    GateRoundDto? LastGateRound)
{
    public override string ToString() =>
        $"{State} step {StepIndex}/{StepCount} ({StepKind}) actual {ActualTraffic}{(RollbackReason is null ? "" : $" rollback: {RollbackReason}")}";
}

internal sealed record TrafficDto(IReadOnlyDictionary<string, int> Live, IReadOnlyDictionary<string, int> Mirror)
{
    public int LiveOf(string deployment) => Live.GetValueOrDefault(deployment);

    public int MirrorOf(string deployment) => Mirror.GetValueOrDefault(deployment);

    /// <summary>True when both splits give every deployment the same live and mirrored percent.</summary>
    public bool SameSplitAs(TrafficDto other) => Same(Live, other.Live) && Same(Mirror, other.Mirror);

    public override string ToString() =>
        $"live {{{string.Join(", ", Live.Select(p => $"{p.Key}: {p.Value}"))}}} mirror {{{string.Join(", ", Mirror.Select(p => $"{p.Key}: {p.Value}"))}}}";

    private static bool Same(IReadOnlyDictionary<string, int> left, IReadOnlyDictionary<string, int> right) =>
        left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var value) && value == p.Value);
}

internal sealed record ActualTrafficDto(bool Known, TrafficDto? Traffic, IReadOnlyList<DeploymentDto>? Deployments, string? Reason)
{
    public override string ToString() => Known ? $"{Traffic} deployments [{string.Join(", ", Deployments?.Select(d => d.Name) ?? [])}]" : $"unknown ({Reason})";
}

internal sealed record DeploymentDto(string Name, ProvisioningState Provisioning, int InstanceCount);

internal sealed record AuditLogDto(Guid RolloutId, IReadOnlyList<AuditEntryDto> Events);

internal sealed record AuditEntryDto(DateTimeOffset At, string Actor, string Role, string Source, string Action, string? Reason, RolloutPhase? FromState, RolloutPhase? ToState)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} {Action} by {Actor} ({Role}, {Source}) {FromState}→{ToState}: {Reason}";
}

internal sealed record GateHistoryDto(Guid RolloutId, IReadOnlyList<GateRoundDto> Rounds);

internal sealed record GateRoundDto(int StepIndex, string StepKind, DateTimeOffset At, GateVerdict Verdict, IReadOnlyList<JsonElement> Evaluations)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} step {StepIndex} ({StepKind}) {Verdict}: {string.Join("; ", Evaluations.Select(e => (e.TryGetProperty("reason", out var r) ? r.GetString() : e.ToString())))}";
}

internal sealed record LocalEndpointDto(string Name, Uri ScoringUri, TrafficDto Traffic, IReadOnlyList<LocalDeploymentDto> Deployments);

internal sealed record LocalDeploymentDto(string Name, ProvisioningState Provisioning, int InstanceCount, int ReadyInstances, FaultsDto? Faults, IReadOnlyList<LocalInstanceDto> Instances);

internal sealed record FaultsDto(double ErrorRate, int? CrashAfterRequests, bool FailStart);

internal sealed record LocalInstanceDto(string Name, int? ProcessId, bool Ready, int Restarts);

internal sealed record EndpointKeysDto(string PrimaryKey, string SecondaryKey);

internal sealed record CreatedKeyDto(string Name, string Role, string Key);

internal sealed record ProblemDto(int Status, string? Title, string? Detail, Guid? ActiveRolloutId, string? EndpointKey, IReadOnlyDictionary<string, string[]>? Errors);
