using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Api.Tests;

/// <summary>How a client reads the API's JSON: web defaults, enums by name.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
