using System.Net;
using System.Text.Json;

namespace Orchestrator.Webhooks.Tests;

/// <summary>The OpenAPI document describes the webhook: its plan body, its four headers, and no API key.</summary>
public sealed class WebhookOpenApiTests(WebhookHostFixture fixture) : IClassFixture<WebhookHostFixture>
{
    [Fact]
    public async Task OpenApiDocument_WebhookRoute_DeclaresTheSignatureHeadersAndNoApiKey()
    {
        using var response = await fixture.Host.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var post = document.GetProperty("paths").GetProperty("/api/v1/webhooks/rollouts").GetProperty("post");
        var headers = post.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("required").GetBoolean())
            .Select(p => p.GetProperty("name").GetString())
            .ToList();
        Assert.Equal(
            [WebhookDelivery.SenderHeader, WebhookDelivery.TimestampHeader, WebhookDelivery.DeliveryHeader, WebhookDelivery.SignatureHeader],
            headers);
        Assert.Equal(0, post.GetProperty("security").GetArrayLength());
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/yaml", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("401", out _));
    }
}
