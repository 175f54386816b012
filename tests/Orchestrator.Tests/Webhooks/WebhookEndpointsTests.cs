using System.Net;
using System.Net.Http.Json;
using Orchestrator.Api;
using Orchestrator.Api.Tests;
using Orchestrator.Features.Rollouts.GetRolloutAudit;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Rollouts;

namespace Orchestrator.Webhooks.Tests;

/// <summary>POST /api/v1/webhooks/rollouts over real HTTP into the real store and dispatcher, with the test clock.</summary>
public sealed class WebhookEndpointsTests(WebhookHostFixture fixture) : IClassFixture<WebhookHostFixture>
{
    private static readonly string[] AllHeaders =
        [WebhookDelivery.SenderHeader, WebhookDelivery.TimestampHeader, WebhookDelivery.DeliveryHeader, WebhookDelivery.SignatureHeader];

    [Fact]
    public async Task SubmitRolloutFromWebhook_SignedPlan_Returns201AndAuditsTheSenderAsWebhook()
    {
        var endpoint = TestRollouts.UniqueEndpoint("wh");

        using var response = await SendAsync(Delivery(TestRollouts.Yaml(endpoint)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var rollout = (await response.Content.ReadFromJsonAsync<RolloutSummary>(ApiJson.Options))!;
        Assert.Equal(endpoint, rollout.Endpoint);
        Assert.Equal($"webhook:{WebhookHostFixture.Sender}", rollout.SubmittedBy);
        Assert.Equal($"/api/v1/rollouts/{rollout.Id}", response.Headers.Location?.OriginalString);

        var viewer = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Viewer));
        var audit = await viewer.GetFromJsonAsync<AuditLog>($"/api/v1/rollouts/{rollout.Id}/audit", ApiJson.Options);
        var submitted = Assert.Single(audit!.Events, e => e.Source == CommandSource.Webhook);
        Assert.Equal($"webhook:{WebhookHostFixture.Sender}", submitted.Actor);
        Assert.Equal("release-manager", submitted.Role);
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_JsonPlanFromSecondSender_Returns201AsThatSender()
    {
        var endpoint = TestRollouts.UniqueEndpoint("wh");
        var delivery = Delivery(TestRollouts.Json(endpoint), WebhookHostFixture.OtherSender, WebhookHostFixture.OtherSecret) with { ContentType = "application/json" };

        using var response = await SendAsync(delivery);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rollout = (await response.Content.ReadFromJsonAsync<RolloutSummary>(ApiJson.Options))!;
        Assert.Equal($"webhook:{WebhookHostFixture.OtherSender}", rollout.SubmittedBy);
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_Redelivery_ReturnsTheFirstRolloutAndStoresOne()
    {
        var endpoint = TestRollouts.UniqueEndpoint("wh");
        var first = Delivery(TestRollouts.Yaml(endpoint));

        using var firstResponse = await SendAsync(first);
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        using var repeat = await SendAsync(first with { SentAt = fixture.Clock.GetUtcNow() });

        Assert.Equal(HttpStatusCode.Created, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        var firstId = (await firstResponse.Content.ReadFromJsonAsync<RolloutSummary>(ApiJson.Options))!.Id;
        Assert.Equal(firstId, (await repeat.Content.ReadFromJsonAsync<RolloutSummary>(ApiJson.Options))!.Id);
        Assert.Equal(firstId, Assert.Single(await StoredAsync(endpoint)).Id);
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_SecondDeliveryForBusyEndpoint_Returns409LikeTheApi()
    {
        var endpoint = TestRollouts.UniqueEndpoint("wh");
        using var first = await SendAsync(Delivery(TestRollouts.Yaml(endpoint)));

        using var second = await SendAsync(Delivery(TestRollouts.Yaml(endpoint)));

        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict);
        var active = (await first.Content.ReadFromJsonAsync<RolloutSummary>(ApiJson.Options))!.Id;
        Assert.Equal(active, problem.GetProperty("activeRolloutId").GetGuid());
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("unknown-sender")]
    [InlineData("tampered-body")]
    [InlineData("stale-timestamp")]
    [InlineData("future-timestamp")]
    [InlineData("other-senders-secret")]
    public async Task SubmitRolloutFromWebhook_NotAuthentic_Returns401WithoutSayingWhyAndStoresNothing(string spoiled)
    {
        var endpoint = TestRollouts.UniqueEndpoint("wh");
        var good = Delivery(TestRollouts.Yaml(endpoint));
        var delivery = spoiled switch
        {
            "wrong-secret" => good with { Secret = "not-the-secret-0123456789abcdefghijklmnop" },
            "unknown-sender" => good with { Sender = "stranger" },
            "tampered-body" => good with { SentBody = TestRollouts.Yaml(endpoint).Replace("green", "evil", StringComparison.Ordinal) },
            "stale-timestamp" => good with { SentAt = fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1) },
            "future-timestamp" => good with { SentAt = fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1) },
            _ => good with { Secret = WebhookHostFixture.OtherSecret },
        };

        using var response = await SendAsync(delivery);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        // One answer for every cause, so a caller cannot probe for sender names or clock skew.
        Assert.StartsWith("The delivery could not be authenticated.", problem.Detail(), StringComparison.Ordinal);
        Assert.DoesNotContain("not configured", problem.Detail(), StringComparison.Ordinal);
        Assert.DoesNotContain("does not match", problem.Detail(), StringComparison.Ordinal);
        Assert.DoesNotContain("beyond", problem.Detail(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("errors", out _));
        Assert.Empty(await StoredAsync(endpoint));
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_TimestampAtTheToleranceEdge_Returns201()
    {
        var endpoint = TestRollouts.UniqueEndpoint("wh");

        using var response = await SendAsync(Delivery(TestRollouts.Yaml(endpoint)) with { SentAt = fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(5) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_NoHeaders_Returns400NamingEachHeader()
    {
        var endpoint = TestRollouts.UniqueEndpoint("wh");

        using var response = await SendAsync(Delivery(TestRollouts.Yaml(endpoint)) with { Omit = AllHeaders });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(AllHeaders.Order(StringComparer.Ordinal), problem.ErrorFields().Order(StringComparer.Ordinal));
        Assert.Empty(await StoredAsync(endpoint));
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_MalformedHeaders_Returns400NamingEachHeader()
    {
        var overrides = new Dictionary<string, string>
        {
            [WebhookDelivery.SenderHeader] = "ci bot",
            [WebhookDelivery.TimestampHeader] = "2026-01-01T00:00:00Z",
            [WebhookDelivery.DeliveryHeader] = new string('d', 201),
            [WebhookDelivery.SignatureHeader] = "sha1=abc",
        };

        using var response = await SendAsync(Delivery(TestRollouts.Yaml(TestRollouts.UniqueEndpoint("wh"))) with { Override = overrides });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(AllHeaders.Order(StringComparer.Ordinal), problem.ErrorFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_ApiKeyInsteadOfSignature_Returns400()
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Admin));
        var delivery = Delivery(TestRollouts.Yaml(TestRollouts.UniqueEndpoint("wh"))) with { Omit = [WebhookDelivery.SignatureHeader] };
        using var request = delivery.ToRequest();

        using var response = await client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([WebhookDelivery.SignatureHeader], problem.ErrorFields());
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_InvalidPlanWithGoodSignature_Returns400NamingThePlansFields()
    {
        const string plan = """
            target:
              kind: local
              endpoint: bad-webhook-plan
            baseline:
              name: blue
            candidate:
              name: green
              spec:
                model: samples/models/model-2.json
                instance_count: 0
            steps:
              - deploy
              - traffic: {percent: 150, bake: 1m}
            """;

        using var response = await SendAsync(Delivery(plan));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("candidate.spec.instance_count", problem.ErrorFields());
        Assert.Contains("steps[1].traffic.percent", problem.ErrorFields());
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_InvalidPlanWithBadSignature_Returns401WithoutThePlansErrors()
    {
        var delivery = Delivery("target: {kind: local}\nsteps: [nonsense]\n") with { Secret = "not-the-secret-0123456789abcdefghijklmnop" };

        using var response = await SendAsync(delivery);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("steps", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_UnsupportedContentTypeWithGoodSignature_Returns415()
    {
        using var response = await SendAsync(Delivery(TestRollouts.Yaml(TestRollouts.UniqueEndpoint("wh"))) with { ContentType = "text/plain" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_Refusal_LogsNeitherSecretNorSignature()
    {
        var delivery = Delivery(TestRollouts.Yaml(TestRollouts.UniqueEndpoint("wh"))) with { Secret = "not-the-secret-0123456789abcdefghijklmnop" };
        using var request = delivery.ToRequest();
        var signature = request.Headers.GetValues(WebhookDelivery.SignatureHeader).Single();

        using var response = await SendAsync(delivery);
        using var accepted = await SendAsync(Delivery(TestRollouts.Yaml(TestRollouts.UniqueEndpoint("wh"))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var logs = fixture.Host.Logs.Entries.Select(e => e.Message).ToList();
        Assert.Contains(logs, m => m.Contains(delivery.DeliveryId, StringComparison.Ordinal) && m.Contains("signature does not match", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, m => m.Contains(WebhookHostFixture.Secret, StringComparison.Ordinal) || m.Contains(signature[7..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitRolloutFromWebhook_NoSenderConfigured_Returns404NotConfigured()
    {
        await using var host = await ApiTestHost.StartAsync();
        var delivery = new SignedDelivery(TestRollouts.Yaml(TestRollouts.UniqueEndpoint("wh")), WebhookHostFixture.Sender, WebhookHostFixture.Secret, DateTimeOffset.FromUnixTimeSeconds(0));

        using var request = delivery.ToRequest();
        using var response = await host.Client().SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("webhooks are not configured", problem.Detail(), StringComparison.OrdinalIgnoreCase);
    }

    private SignedDelivery Delivery(string plan, string sender = WebhookHostFixture.Sender, string secret = WebhookHostFixture.Secret) =>
        new(plan, sender, secret, fixture.Clock.GetUtcNow());

    private async Task<HttpResponseMessage> SendAsync(SignedDelivery delivery)
    {
        using var request = delivery.ToRequest();
        return await fixture.Host.Client().SendAsync(request);
    }

    private async Task<IReadOnlyList<RolloutSummary>> StoredAsync(string endpoint)
    {
        var viewer = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Viewer));
        var list = await viewer.GetFromJsonAsync<RolloutList>($"/api/v1/rollouts?endpoint={endpoint}", ApiJson.Options);
        return list!.Rollouts;
    }
}
