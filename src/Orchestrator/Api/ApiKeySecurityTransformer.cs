using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orchestrator.Auth;

namespace Orchestrator.Api;

/// <summary>Declares the API-key bearer scheme in the OpenAPI document, so clients and tools know to send one.</summary>
internal sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyPrincipal.Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = $"An API key: 'Authorization: Bearer <key>' (or '{ApiKeyAuthenticationHandler.ApiKeyHeader}: <key>'). Roles: viewer, on-call, release-manager, admin.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyPrincipal.Scheme, document)] = [] });
        return Task.CompletedTask;
    }
}
