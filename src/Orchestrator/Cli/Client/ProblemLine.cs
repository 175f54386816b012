using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Cli.Client;

/// <summary>
/// The API's RFC 9457 problem details as one line, and the exit code of its status: title and detail, every field
/// error as <c>path: reason</c>, and on a 409 the state that refused the action.
/// </summary>
internal static class ProblemLine
{
    /// <summary>The exit code of an error status.</summary>
    public static int ExitCodeOf(HttpStatusCode status) => (int)status switch
    {
        400 or 413 or 415 or 422 => ExitCodes.InvalidInput,
        401 or 403 => ExitCodes.Unauthorized,
        404 => ExitCodes.NotFound,
        409 => ExitCodes.Conflict,
        _ => ExitCodes.ServerError,
    };

    /// <summary>One line for a problem body; null when the body is not a JSON object (not a problem from the API).</summary>
    public static string? Render(HttpStatusCode status, string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var title = Text(root, "title") ?? status.ToString();
            var detail = Text(root, "detail");
            var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{title} ({(int)status})");
            if (detail is not null)
            {
                line.Append(": ").Append(detail);
            }

            AppendFieldErrors(root, line);

            // The state table's 409 names the state in its detail; say it explicitly when a detail does not.
            if (Text(root, "state") is { } state && (detail is null || !detail.Contains(state, StringComparison.Ordinal)))
            {
                line.Append(CultureInfo.InvariantCulture, $" (state: {state})");
            }

            if (Text(root, "activeRolloutId") is { } active && (detail is null || !detail.Contains(active, StringComparison.Ordinal)))
            {
                line.Append(CultureInfo.InvariantCulture, $" (active rollout: {active})");
            }

            return OneLine(line.ToString());
        }
    }

    /// <summary>Collapses line breaks, so a multi-line detail still prints as one line.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void AppendFieldErrors(JsonElement root, StringBuilder line)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var fields = errors.EnumerateObject().Select(field => field.Value.ValueKind == JsonValueKind.Array
            ? $"{field.Name}: {string.Join(", ", field.Value.EnumerateArray().Select(r => r.ToString()))}"
            : $"{field.Name}: {field.Value}").ToList();
        if (fields.Count > 0)
        {
            line.Append(" — ").AppendJoin("; ", fields);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
