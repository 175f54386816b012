using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Orchestrator.Api;

/// <summary>
/// The one place problem details are shaped (RFC 9457): the exception handler, the authentication handler and the
/// endpoints that answer an error directly all build them here, so every error looks the same.
/// </summary>
public static class ApiProblems
{
    /// <summary>The media type of every error body.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>A problem with the standard title for its status and a detail that says what to do.</summary>
    public static ProblemDetails Create(int status, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    /// <summary>A 400 naming every offending field at once, each with its reasons.</summary>
    public static HttpValidationProblemDetails Validation(IEnumerable<KeyValuePair<string, string>> failures)
    {
        var errors = failures
            .GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Value).ToArray(), StringComparer.Ordinal);
        return new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = TitleOf(StatusCodes.Status400BadRequest),
            Detail = errors.Count == 1 ? "1 field is invalid." : $"{errors.Count} fields are invalid.",
        };
    }

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is invalid",
        StatusCodes.Status401Unauthorized => "An API key is required",
        StatusCodes.Status403Forbidden => "The API key's role does not permit this",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "The request conflicts with the current state",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large",
        StatusCodes.Status415UnsupportedMediaType => "The content type is not supported",
        StatusCodes.Status500InternalServerError => "An unexpected error occurred",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
