using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Persistence;

/// <summary>The JSON shape of stored plans and command results: camelCase, enums by name, so a row reads plainly.</summary>
public static class StoredJson
{
    /// <summary>The serializer options for everything the store writes as JSON.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
