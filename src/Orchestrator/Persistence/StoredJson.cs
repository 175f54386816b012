using System.Text.Json;
using System.Text.Json.Serialization;
using Policies.Documents;

namespace Orchestrator.Persistence;

/// <summary>
/// The JSON shape of stored plans and command results, and of the API: camelCase, enums by the names users write
/// (metrics as in policies, <c>local</c> as in plans) or else by member name, so a row reads as the API answers.
/// </summary>
public static class StoredJson
{
    /// <summary>The serializer options for everything the store writes as JSON.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Not JsonStringEnumConverter: older rows hold member names (LatencyP99Ms, Local) that it refuses once a name is declared.
        Converters = { new NamedEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
