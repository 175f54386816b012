using System.Net;
using System.Text.Json;

namespace Orchestrator.Api.Tests;

/// <summary>The OpenAPI document is served anonymously and lists every route.</summary>
public sealed class OpenApiDocumentTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task OpenApiDocument_ListsEveryRouteAndTheBearerScheme()
    {
        using var response = await fixture.Host.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/rollouts", "/api/v1/rollouts/{id}", "/api/v1/rollouts/{id}/audit", "/api/v1/rollouts/{id}/gates",
            "/api/v1/rollouts/{id}/pause", "/api/v1/rollouts/{id}/resume", "/api/v1/rollouts/{id}/abort",
            "/api/v1/rollouts/{id}/promote", "/api/v1/rollouts/{id}/approve", "/api/v1/rollouts/{id}/retry",
            "/api/v1/keys", "/api/v1/keys/{name}", "/api/v1/me",
        ];
        Assert.All(expected, path => Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the document"));
        var submitBody = paths.GetProperty("/api/v1/rollouts").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(submitBody.TryGetProperty("application/yaml", out _));
        Assert.True(submitBody.TryGetProperty("application/json", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
    }
}
