using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Api;

/// <summary>Reads the <c>Idempotency-Key</c> header into a command's request id.</summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>The longest key accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// The request id, or null when the header is absent. It is scoped by the key name, so two clients that happen to
    /// pick the same idempotency key never receive each other's results.
    /// </summary>
    public static string? RequestIdOf(HttpRequest request, Actor actor)
    {
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return null;
        }

        var value = values.ToString().Trim();
        if (values.Count > 1 || !IsWellFormed(value))
        {
            throw new CommandValidationException(
                [new ValidationFailure(Header, $"must be one value of 1 to {MaxLength} printable ASCII characters without spaces")]);
        }

        return $"api:{actor.Name}:{value}";
    }

    /// <summary>Declares the header, optional, on a mutating operation (submit and the actions).</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        OptionalHeaderParameter.AddTo(
            operation,
            Header,
            "The client's id for this request (1 to 200 printable ASCII characters, no spaces). A repeat with the same id by the same API key " +
                "returns the first result without acting again, so a retry after a lost answer is safe. A malformed value is a 400 naming Idempotency-Key.",
            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = MaxLength });
        return Task.CompletedTask;
    }

    /// <summary>True for 1 to <see cref="MaxLength"/> printable ASCII characters without spaces (the command line checks the same before sending).</summary>
    public static bool IsWellFormed(string value) => value.Length is > 0 and <= MaxLength && value.All(c => c is >= '!' and <= '~');
}
