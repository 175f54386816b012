using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Targets.AzureMl;

/// <summary>One answer from Resource Manager, read completely so that the HTTP message can be released at once.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Body">Response body ("" when none).</param>
/// <param name="Headers">Response headers by name (case-insensitive).</param>
internal sealed record ArmResponse(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body as a JSON object (empty object when the body is empty or not an object).</summary>
    public JsonObject Json()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(Body) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>ARM's <c>error.code</c> and <c>error.message</c> (or the raw body when it is not an ARM error).</summary>
    public (string Code, string Message) Error()
    {
        var error = Json()["error"] as JsonObject;
        var code = error?["code"]?.GetValue<string>() ?? Status.ToString(CultureInfo.InvariantCulture);
        var message = error?["message"]?.GetValue<string>() ?? (Body.Length > 500 ? Body[..500] : Body);
        return (code, message);
    }

    /// <summary>
    /// How long the service asks us to wait: <c>retry-after-ms</c> / <c>x-ms-retry-after-ms</c> (milliseconds) first,
    /// then <c>Retry-After</c> (seconds or an HTTP date); null when none is given.
    /// </summary>
    public TimeSpan? RetryAfter(DateTimeOffset now)
    {
        foreach (var name in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (Header(name) is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            {
                return TimeSpan.FromMilliseconds(millis);
            }
        }

        if (Header("Retry-After") is not { } retryAfter)
        {
            return null;
        }

        if (int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at > now ? at - now : TimeSpan.Zero
            : null;
    }
}
