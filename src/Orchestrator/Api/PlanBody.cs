using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Orchestrator.Api;

/// <summary>Reads a submitted plan: YAML or JSON by content type, within a size limit.</summary>
internal static class PlanBody
{
    /// <summary>The content types a plan may be sent as.</summary>
    public static readonly string[] MediaTypes = ["application/yaml", "text/yaml", "application/x-yaml", "text/x-yaml", "application/json"];

    public static async Task<string> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken = default)
    {
        var encoding = EncodingOf(request);
        var bytes = await ReadBytesAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        return Decode(bytes, encoding);
    }

    /// <summary>The plan's text encoding (UTF-8 unless the content type names a charset); 415 for any other content type.</summary>
    public static Encoding EncodingOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !MediaTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException(
                $"Send the plan as YAML (Content-Type: application/yaml or text/yaml) or JSON (application/json), not '{request.ContentType ?? "no content type"}'.",
                StatusCodes.Status415UnsupportedMediaType);
        }

        return mediaType.Encoding ?? Encoding.UTF8;
    }

    /// <summary>The raw body, refused (413) beyond <paramref name="maxBytes"/>; the webhook signs these exact bytes.</summary>
    public static async Task<ArraySegment<byte>> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken = default)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// The plan's text. An empty plan is the submit validator's to refuse, so every plan problem is reported the same way.
    /// </summary>
    public static string Decode(ArraySegment<byte> bytes, Encoding encoding) => encoding.GetString(bytes);

    /// <summary>
    /// Declares the plan body in the OpenAPI document. (Accepts metadata would do it too, but would make routing answer
    /// 415 before authentication answers 401, telling anonymous callers more than they should learn.)
    /// </summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The rollout plan, as YAML or JSON (see docs/plan-format.md).",
            Content = MediaTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
        };
        return Task.CompletedTask;
    }

    private static BadHttpRequestException TooLarge(int maxBytes) =>
        new($"The plan is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
}
