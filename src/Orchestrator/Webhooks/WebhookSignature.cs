using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Webhooks;

/// <summary>
/// The webhook's signature: <c>sha256=</c> and the lowercase hex HMAC-SHA256, keyed by the sender's secret, of the bytes
/// <c>&lt;timestamp&gt;.&lt;raw body&gt;</c>. The timestamp is inside the signed bytes, so it cannot be changed to replay
/// an old delivery.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The signature's scheme prefix.</summary>
    public const string Prefix = "sha256=";

    /// <summary>The HMAC of <c>&lt;timestamp&gt;.&lt;body&gt;</c>.</summary>
    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    /// <summary>The header value a sender sends: <c>sha256=&lt;hex&gt;</c>.</summary>
    public static string Format(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Compute(secret, timestamp, body));

    /// <summary>Whether <paramref name="signature"/> (the decoded hex) is the body's; compared in constant time.</summary>
    public static bool Verify(string secret, string timestamp, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signature) =>
        CryptographicOperations.FixedTimeEquals(Compute(secret, timestamp, body), signature);
}
