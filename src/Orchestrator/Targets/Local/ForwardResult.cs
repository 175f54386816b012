using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orchestrator.Targets.Local;

/// <summary>What a deployment answered, as the client will see it.</summary>
/// <param name="StatusCode">The client's status: 200, 424 for a model's non-200, or the host's own (408, 502, 503).</param>
/// <param name="ModelStatusCode">The deployment's own status; 0 when no instance answered.</param>
/// <param name="Body">The body to return.</param>
/// <param name="ContentType">The body's content type.</param>
internal readonly record struct ForwardResult(int StatusCode, int ModelStatusCode, byte[] Body, string? ContentType)
{
    /// <summary>Azure ML's status for a model that answered non-200.</summary>
    public const int ModelError = 424;

    // Messages quote names with ', which the default encoder escapes as \u0027; these bodies are API JSON, not HTML.
    private static readonly JsonSerializerOptions MessageJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An answer of the host itself, in the inference server's error shape <c>{"message": "..."}</c>.</summary>
    public static ForwardResult FromHost(int statusCode, string message) =>
        new(statusCode, 0, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message }, MessageJson)), "application/json");
}
