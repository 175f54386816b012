using System.Net;
using System.Text.Json;

namespace Orchestrator.Api.Tests;

/// <summary>The OpenAPI document is served anonymously and lists every route, with the parameters and headers clients may send.</summary>
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

    [Fact]
    public async Task OpenApiDocument_MutatingRolloutOperations_DeclareTheOptionalClientHeader()
    {
        var paths = await PathsAsync();
        string[] mutating =
        [
            "/api/v1/rollouts", "/api/v1/rollouts/{id}/pause", "/api/v1/rollouts/{id}/resume", "/api/v1/rollouts/{id}/abort",
            "/api/v1/rollouts/{id}/promote", "/api/v1/rollouts/{id}/approve", "/api/v1/rollouts/{id}/retry",
        ];

        Assert.All(mutating, path =>
        {
            var header = Parameter(paths.GetProperty(path).GetProperty("post"), ClientHeader.Name);
            Assert.True(header.HasValue, $"POST {path} does not declare {ClientHeader.Name}");
            Assert.Equal("header", header.Value.GetProperty("in").GetString());
            Assert.False(header.Value.TryGetProperty("required", out var required) && required.GetBoolean(), $"{ClientHeader.Name} is required on POST {path}");
            Assert.Equal(["cli", "dashboard"], header.Value.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        });

        // Reads record no audit source, so they do not offer the header.
        Assert.Null(Parameter(paths.GetProperty("/api/v1/rollouts/{id}").GetProperty("get"), ClientHeader.Name));
    }

    [Theory]
    [InlineData("/api/v1/rollouts")]
    [InlineData("/api/v1/rollouts/{id}/pause")]
    [InlineData("/api/v1/rollouts/{id}/resume")]
    [InlineData("/api/v1/rollouts/{id}/abort")]
    [InlineData("/api/v1/rollouts/{id}/promote")]
    [InlineData("/api/v1/rollouts/{id}/approve")]
    [InlineData("/api/v1/rollouts/{id}/retry")]
    public async Task OpenApiDocument_MutatingRolloutOperations_DeclareTheOptionalIdempotencyKey(string path)
    {
        var header = Parameter((await PathsAsync()).GetProperty(path).GetProperty("post"), IdempotencyKey.Header);

        Assert.True(header.HasValue, $"POST {path} does not declare {IdempotencyKey.Header}");
        Assert.Equal("header", header.Value.GetProperty("in").GetString());
        Assert.False(header.Value.TryGetProperty("required", out var required) && required.GetBoolean());
        var schema = header.Value.GetProperty("schema");
        Assert.Equal(("string", 1, IdempotencyKey.MaxLength), (schema.GetProperty("type").GetString(), schema.GetProperty("minLength").GetInt32(), schema.GetProperty("maxLength").GetInt32()));
    }

    [Theory]
    [InlineData("/api/v1/rollouts/{id}/audit")]
    [InlineData("/api/v1/rollouts/{id}/gates")]
    public async Task OpenApiDocument_Feeds_DeclareAfterAndLimitAsIntegersWithTheirBounds(string path)
    {
        var get = (await PathsAsync()).GetProperty(path).GetProperty("get");

        var after = Parameter(get, "after")!.Value;
        var limit = Parameter(get, "limit")!.Value;

        Assert.Equal(("query", "integer", 0m), (after.GetProperty("in").GetString(), after.GetProperty("schema").GetProperty("type").GetString(), after.GetProperty("schema").GetProperty("minimum").GetDecimal()));
        var schema = limit.GetProperty("schema");
        Assert.Equal(("integer", 1m, 1000m, 500), (schema.GetProperty("type").GetString(), schema.GetProperty("minimum").GetDecimal(), schema.GetProperty("maximum").GetDecimal(), schema.GetProperty("default").GetInt32()));
        Assert.Contains("next", after.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> PathsAsync()
    {
        using var response = await fixture.Host.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths").Clone();
    }

    private static JsonElement? Parameter(JsonElement operation, string name) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(p => p!.Value.GetProperty("name").GetString() == name)
            : null;
}
