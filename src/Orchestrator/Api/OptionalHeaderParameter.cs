using Microsoft.OpenApi;

namespace Orchestrator.Api;

/// <summary>Declares an optional request header on an OpenAPI operation (the client and idempotency headers).</summary>
internal static class OptionalHeaderParameter
{
    public static void AddTo(OpenApiOperation operation, string name, string description, OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Required = false, Description = description, Schema = schema });
    }
}
