using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AzureMlEmulator;

/// <summary>What endpoint and deployment handlers share: body reading, name rules, server-set fields, paging.</summary>
internal static partial class ArmResource
{
    public const string BodyItem = "emulator.body";

    /// <summary>The request body the middleware buffered, as a JSON object (null when absent or not an object).</summary>
    public static JsonObject? Body(HttpContext context, out string? error)
    {
        error = null;
        var text = context.Items[BodyItem] as string;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The request content was invalid and could not be deserialized: the body is empty.";
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject body)
            {
                return body;
            }
        }
        catch (JsonException e)
        {
            error = $"The request content was invalid and could not be deserialized: {e.Message}";
            return null;
        }

        error = "The request content was invalid and could not be deserialized: expected a JSON object.";
        return null;
    }

    /// <summary>
    /// What every tracked-resource PUT needs (contract §1.1, §1.2): a valid name, a location and properties.
    /// Adds what is missing to <paramref name="problems"/>; returns the properties when there are some.
    /// </summary>
    public static JsonObject? CheckTracked(JsonObject body, string name, string kind, List<string> problems)
    {
        if (!NamePattern().IsMatch(name))
        {
            problems.Add($"The {kind} name '{name}' is invalid: it must match ^[a-zA-Z0-9][a-zA-Z0-9\\-_]{{0,254}}$.");
        }

        if (body["location"]?.GetValue<string>() is not { Length: > 0 })
        {
            problems.Add("The 'location' property is required.");
        }

        if (body["properties"] is JsonObject properties)
        {
            return properties;
        }

        problems.Add("The 'properties' property is required.");
        return null;
    }

    /// <summary>Sets id, name, type and systemData, as the service does on every answer.</summary>
    public static void Stamp(JsonObject resource, string id, string name, string type, DateTimeOffset now, JsonObject? previous)
    {
        resource["id"] = id;
        resource["name"] = name;
        resource["type"] = type;
        var created = previous?["systemData"]?["createdAt"]?.GetValue<string>() ?? now.ToString("O");
        resource["systemData"] = new JsonObject
        {
            ["createdAt"] = created,
            ["createdBy"] = "emulator@example.com",
            ["createdByType"] = "User",
            ["lastModifiedAt"] = now.ToString("O"),
            ["lastModifiedBy"] = "emulator@example.com",
            ["lastModifiedByType"] = "User",
        };
    }

    /// <summary>A PUT may carry provisioningState only when it matches the server's (contract §6.5).</summary>
    public static string? ProvisioningStateMismatch(JsonObject properties, string? current)
    {
        var sent = properties["provisioningState"]?.GetValue<string>();
        return sent is null || string.Equals(sent, current, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The provisioningState '{sent}' does not match the current state '{current ?? "(none)"}'.";
    }

    /// <summary>One page of a LIST answer, with <c>nextLink</c> when more remain.</summary>
    public static IResult Page(HttpContext context, IEnumerable<JsonObject> items, int pageSize)
    {
        var all = items.ToList();
        _ = int.TryParse(context.Request.Query["$skip"], out var skip);
        var page = all.Skip(skip).Take(pageSize).Select(i => (JsonNode)i.DeepClone()).ToArray();
        var body = new JsonObject { ["value"] = new JsonArray(page) };
        if (skip + pageSize < all.Count)
        {
            var request = context.Request;
            body["nextLink"] = $"{request.Scheme}://{request.Host}{request.Path}?api-version={OperationResponses.ApiVersion(context)}&$skip={skip + pageSize}";
        }

        return ArmError.Json(200, body);
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9\\-_]{0,254}$")]
    private static partial Regex NamePattern();
}
