using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzureMlEmulator;

/// <summary>ARM error answers (contract §1.5): <c>{"error":{"code","message","details"}}</c>.</summary>
internal static class ArmError
{
    public static IResult Result(int status, string code, string message, IEnumerable<string>? details = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (details is not null)
        {
            error["details"] = new JsonArray([.. details.Select(d => (JsonNode)new JsonObject { ["code"] = code, ["message"] = d })]);
        }

        return Json(status, new JsonObject { ["error"] = error });
    }

    public static IResult NotFound(string id) => Result(404, "ResourceNotFound", $"The resource '{id}' was not found.");

    public static IResult Conflict(string endpoint) => Result(409, "Conflict", $"Another operation is in progress on endpoint '{endpoint}'.");

    public static IResult BadArgument(IReadOnlyList<string> problems) => Result(400, "BadArgument", problems[0], problems.Count > 1 ? problems : null);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON body with a status (and <c>application/json; charset=utf-8</c>).</summary>
    public static IResult Json(int status, JsonNode body) =>
        Results.Text(body.ToJsonString(Relaxed), "application/json; charset=utf-8", System.Text.Encoding.UTF8, status);
}
