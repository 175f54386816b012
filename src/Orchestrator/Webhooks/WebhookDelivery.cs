using System.Globalization;
using Orchestrator.Dispatching;

namespace Orchestrator.Webhooks;

/// <summary>The webhook's four headers, read and checked for shape (not yet for authenticity).</summary>
/// <param name="Sender">The configured sender name it claims (<c>X-Rollout-Sender</c>).</param>
/// <param name="Timestamp">The signed timestamp as sent (<c>X-Rollout-Timestamp</c>, Unix seconds).</param>
/// <param name="SentAt">The timestamp as an instant.</param>
/// <param name="DeliveryId">The sender's unique delivery id (<c>X-Rollout-Delivery</c>), the command's request id.</param>
/// <param name="Signature">The decoded HMAC of <c>X-Rollout-Signature</c>.</param>
internal sealed record WebhookDelivery(string Sender, string Timestamp, DateTimeOffset SentAt, string DeliveryId, byte[] Signature)
{
    public const string SenderHeader = "X-Rollout-Sender";
    public const string TimestampHeader = "X-Rollout-Timestamp";
    public const string DeliveryHeader = "X-Rollout-Delivery";
    public const string SignatureHeader = "X-Rollout-Signature";

    private const int MaxDeliveryIdLength = 200;
    private const int SignatureHexLength = 64;

    /// <summary>The headers' values, or a 400 naming every missing or malformed header at once.</summary>
    public static WebhookDelivery Read(IHeaderDictionary headers)
    {
        var failures = new List<ValidationFailure>();

        var sender = One(headers, SenderHeader, failures);
        if (sender is not null && !WebhookOptionsValidator.IsSenderName(sender))
        {
            failures.Add(new(SenderHeader, $"must be a sender name of 1 to {WebhookOptionsValidator.MaxSenderNameLength} letters, digits, '.', '_' or '-'"));
        }

        var timestamp = One(headers, TimestampHeader, failures);
        var sentAt = DateTimeOffset.MinValue;
        if (timestamp is not null)
        {
            if (timestamp.Length is > 0 and <= 12 && timestamp.All(char.IsAsciiDigit)
                && long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
            else
            {
                failures.Add(new(TimestampHeader, "must be the send time in Unix seconds (digits only)"));
            }
        }

        var delivery = One(headers, DeliveryHeader, failures);
        if (delivery is not null && (delivery.Length > MaxDeliveryIdLength || delivery.Any(c => c is < ' ' or > '~')))
        {
            failures.Add(new(DeliveryHeader, $"must be 1 to {MaxDeliveryIdLength} printable ASCII characters"));
        }

        var signature = One(headers, SignatureHeader, failures);
        byte[] mac = [];
        if (signature is not null)
        {
            var hex = signature.StartsWith(WebhookSignature.Prefix, StringComparison.Ordinal) ? signature[WebhookSignature.Prefix.Length..] : "";
            if (hex.Length == SignatureHexLength && hex.All(char.IsAsciiHexDigit))
            {
                mac = Convert.FromHexString(hex);
            }
            else
            {
                failures.Add(new(SignatureHeader, $"must be '{WebhookSignature.Prefix}' followed by the {SignatureHexLength} hex digits of the HMAC-SHA256"));
            }
        }

        return failures.Count > 0
            ? throw new CommandValidationException(failures)
            : new WebhookDelivery(sender!, timestamp!, sentAt, delivery!, mac);
    }

    /// <summary>The header's one non-empty value, or null with a failure added.</summary>
    private static string? One(IHeaderDictionary headers, string name, List<ValidationFailure> failures)
    {
        var values = headers[name];
        var value = values.ToString().Trim();
        if (values.Count == 1 && value.Length > 0)
        {
            return value;
        }

        failures.Add(new(name, values.Count > 1 ? "must be sent once" : "is required"));
        return null;
    }
}
