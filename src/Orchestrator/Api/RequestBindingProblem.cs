using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.Api;

/// <summary>
/// Words ASP.NET Core's binding failures (a JSON body that does not parse or does not fit, a missing body, a query
/// value of the wrong type) as a validation problem naming the field, instead of the framework's message, which names
/// .NET types ("could not be converted to Orchestrator.Api.ActionRequest", "Failed to bind parameter \"int limit\"").
/// </summary>
internal static partial class RequestBindingProblem
{
    /// <summary>The field name used when the whole body is at fault.</summary>
    public const string BodyField = "body";

    /// <summary>A 400 naming the offending field, or null when <paramref name="bad"/> is not a binding failure.</summary>
    public static HttpValidationProblemDetails? From(BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        if (bad.StatusCode != StatusCodes.Status400BadRequest)
        {
            return null;
        }

        if (bad.InnerException is JsonException json)
        {
            return One(FieldOf(json.Path), ReasonOf(json));
        }

        if (QueryValue().Match(bad.Message) is { Success: true } query)
        {
            var kind = query.Groups["type"].Value.Contains("int", StringComparison.Ordinal) ? "a whole number" : "a valid value";
            return One(query.Groups["name"].Value, $"'{query.Groups["value"].Value}' is not {kind}");
        }

        return MissingBody().IsMatch(bad.Message)
            ? One(BodyField, "is required: send a JSON object (Content-Type: application/json)")
            : null;
    }

    private static HttpValidationProblemDetails One(string field, string reason) => ApiProblems.Validation([KeyValuePair.Create(field, reason)]);

    /// <summary><c>$.name</c> → <c>name</c>; the root (<c>$</c>) or no path → the body itself.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? BodyField
        : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path.TrimStart('$');

    private static string ReasonOf(JsonException json)
    {
        // The reader's own exception (a subclass) means the text is not JSON; the base type means the JSON does not
        // fit the expected shape (a number where a text is expected, a list where an object is). The serializer
        // rethrows the reader's exception wrapped, with the path added.
        var reader = json.GetType() != typeof(JsonException) ? json : json.InnerException as JsonException;
        if (reader is not null)
        {
            var position = json.LineNumber is { } line && json.BytePositionInLine is { } column
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {column + 1})")
                : "";
            return $"is not valid JSON{position}: {FirstSentence(reader.Message)}";
        }

        return string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "must be a JSON object" : "has the wrong JSON type";
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from "(?<value>[^"]*)"\.$""", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex QueryValue();

    [GeneratedRegex("""^(Implicit body inferred for parameter "[^"]+" but no body was provided|Required parameter "[^"]+" was not provided from body)""", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MissingBody();
}
