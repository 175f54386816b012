using System.Globalization;
using System.Text;

namespace Orchestrator.Webhooks.Tests;

/// <summary>A webhook request as a CI sender builds it; each part can be spoiled to test one refusal.</summary>
internal sealed record SignedDelivery(string Plan, string Sender, string Secret, DateTimeOffset SentAt)
{
    public string ContentType { get; init; } = "application/yaml";

    public string DeliveryId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The body actually sent, when it differs from the signed <see cref="Plan"/> (a tampered delivery).</summary>
    public string? SentBody { get; init; }

    /// <summary>Headers to leave out.</summary>
    public IReadOnlyList<string> Omit { get; init; } = [];

    /// <summary>Header values to send instead of the right ones.</summary>
    public IReadOnlyDictionary<string, string> Override { get; init; } = new Dictionary<string, string>();

    public string Timestamp => SentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public HttpRequestMessage ToRequest()
    {
        var headers = new Dictionary<string, string>
        {
            [WebhookDelivery.SenderHeader] = Sender,
            [WebhookDelivery.TimestampHeader] = Timestamp,
            [WebhookDelivery.DeliveryHeader] = DeliveryId,
            [WebhookDelivery.SignatureHeader] = WebhookSignature.Format(Secret, Timestamp, Encoding.UTF8.GetBytes(Plan)),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/rollouts")
        {
            Content = new StringContent(SentBody ?? Plan, Encoding.UTF8, ContentType),
        };
        foreach (var (name, value) in headers.Where(h => !Omit.Contains(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(name, Override.GetValueOrDefault(name, value));
        }

        return request;
    }
}
