using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orchestrator.Dispatching;
using Orchestrator.Features.Rollouts;

namespace Orchestrator.Api;

/// <summary>
/// The query parameters of the feeds (<c>/audit</c>, <c>/gates</c>): read as text, so that a value that is not a
/// number is a 400 naming its parameter together with every other bad one, not a bare binding error.
/// </summary>
internal static class FeedParameters
{
    /// <summary>The cursor of <paramref name="after"/> and <paramref name="limit"/> (defaults when absent); adds every failure to <paramref name="failures"/>.</summary>
    public static (long After, int Limit) Read(string? after, string? limit, List<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var cursor = (After: 0L, Limit: FeedPaging.DefaultLimit);
        var afterRead = after is null || TryRead("after", after, failures, out cursor.After);
        var limitRead = limit is null || TryRead("limit", limit, failures, out cursor.Limit);

        // A value that did not parse is already named; range checks judge only the ones that did.
        failures.AddRange(FeedPaging.Check(afterRead ? cursor.After : 0, limitRead ? cursor.Limit : FeedPaging.DefaultLimit));
        return cursor;
    }

    /// <summary>An optional integer parameter (null when absent); adds a failure naming it when it is not one.</summary>
    public static int? ReadOptional(string name, string? value, List<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return value is not null && TryRead(name, value, failures, out int parsed) ? parsed : null;
    }

    /// <summary>Throws the failures as one 400, if any.</summary>
    public static void ThrowIfAny(List<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (failures.Count > 0)
        {
            throw new CommandValidationException(failures);
        }
    }

    /// <summary>Declares <c>after</c> and <c>limit</c> as integers with their rules (they bind as text, which the document would otherwise show).</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Describe(operation, "after", "Only entries whose sequence is greater than this: send the previous answer's next (0 or absent: from the start).", 0, null, null);
        Describe(operation, "limit", $"At most this many entries (default {FeedPaging.DefaultLimit}, maximum {FeedPaging.MaxLimit}); hasMore says whether more follow.", 1, FeedPaging.MaxLimit, FeedPaging.DefaultLimit);
        Describe(operation, "step", "Only the rounds of this step (0-based).", 0, null, null);
        return Task.CompletedTask;
    }

    private static void Describe(OpenApiOperation operation, string name, string description, int minimum, int? maximum, int? defaultValue)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Query) is not { } parameter)
        {
            return;
        }

        parameter.Description = description;
        parameter.Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = name == "after" ? "int64" : "int32",
            Minimum = minimum.ToString(CultureInfo.InvariantCulture),
            Maximum = maximum?.ToString(CultureInfo.InvariantCulture),
            Default = defaultValue is { } d ? System.Text.Json.Nodes.JsonValue.Create(d) : null,
        };
    }

    private static bool TryRead<T>(string name, string value, List<ValidationFailure> failures, out T parsed)
        where T : IBinaryInteger<T>
    {
        if (T.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed!))
        {
            return true;
        }

        failures.Add(new ValidationFailure(name, $"'{value}' is not a whole number"));
        return false;
    }
}
