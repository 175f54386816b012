using Microsoft.Extensions.Options;

namespace Orchestrator.Webhooks;

/// <summary>
/// Decides whether a delivery comes from a configured sender: the sender is known, its timestamp is within the tolerance
/// of the injected clock (so a captured delivery cannot be replayed later), and the signature over
/// <c>&lt;timestamp&gt;.&lt;body&gt;</c> matches, compared in constant time. The reason for a refusal goes to the log
/// only; neither the secret nor the signature is ever logged.
/// </summary>
internal sealed partial class WebhookVerifier(IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookVerifier> logger)
{
    /// <summary>Whether any sender is configured; without one the webhook does not exist.</summary>
    public bool IsConfigured => options.Value.Senders.Count > 0;

    /// <summary>The tolerance, for the refusal's advice.</summary>
    public TimeSpan Tolerance => options.Value.Tolerance;

    /// <summary>The configured name of the sender that signed <paramref name="body"/>, or null when the delivery is not authentic.</summary>
    public string? Authenticate(WebhookDelivery delivery, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var sender = options.Value.Senders.FirstOrDefault(s => string.Equals(s.Key, delivery.Sender, StringComparison.OrdinalIgnoreCase));
        if (sender.Value?.Secret is not { } secret)
        {
            Log.Refused(logger, delivery.DeliveryId, delivery.Sender, "the sender is not configured");
            return null;
        }

        var skew = (time.GetUtcNow() - delivery.SentAt).Duration();
        if (skew > options.Value.Tolerance)
        {
            Log.Refused(logger, delivery.DeliveryId, sender.Key, $"its timestamp is {skew:c} from the service's clock, beyond the tolerance of {options.Value.Tolerance:c}");
            return null;
        }

        if (!WebhookSignature.Verify(secret, delivery.Timestamp, body, delivery.Signature))
        {
            Log.Refused(logger, delivery.DeliveryId, sender.Key, "the signature does not match");
            return null;
        }

        Log.Accepted(logger, delivery.DeliveryId, sender.Key);
        return sender.Key;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.WebhookRefused, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} from sender {Sender} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string deliveryId, string sender, string reason);

        [LoggerMessage(EventId = EventIds.WebhookAccepted, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} from sender {Sender} authenticated")]
        public static partial void Accepted(ILogger logger, string deliveryId, string sender);
    }
}
