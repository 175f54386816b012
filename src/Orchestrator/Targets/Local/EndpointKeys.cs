using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Targets.Local;

/// <summary>An endpoint's two scoring keys (Azure ML's <c>listKeys</c>): either one authorizes; regenerate one while clients use the other.</summary>
/// <param name="PrimaryKey">The primary key.</param>
/// <param name="SecondaryKey">The secondary key.</param>
public sealed record EndpointKeys(string PrimaryKey, string SecondaryKey)
{
    // Longer than any key we generate (43 characters); a longer header value cannot match.
    private const int MaxKeyBytes = 256;

    /// <summary>Two fresh random keys.</summary>
    public static EndpointKeys Generate() => new(NewKey(), NewKey());

    /// <summary>These keys with one of them replaced by a fresh random key.</summary>
    public EndpointKeys Regenerate(EndpointKeyKind kind) => kind switch
    {
        EndpointKeyKind.Primary => new(NewKey(), SecondaryKey),
        EndpointKeyKind.Secondary => new(PrimaryKey, NewKey()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Primary or Secondary"),
    };

    /// <summary>True when an <c>Authorization</c> header value is <c>Bearer &lt;one of the keys&gt;</c> (compared in constant time).</summary>
    public bool Authorizes(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Every scoring request lands here: encode on the stack, compare in constant time.
        var value = authorization.AsSpan(Scheme.Length).Trim();
        if (value.Length > MaxKeyBytes || PrimaryKey.Length > MaxKeyBytes || SecondaryKey.Length > MaxKeyBytes)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[MaxKeyBytes * 3];
        Span<byte> primary = stackalloc byte[MaxKeyBytes * 3];
        Span<byte> secondary = stackalloc byte[MaxKeyBytes * 3];
        presented = presented[..Encoding.UTF8.GetBytes(value, presented)];
        primary = primary[..Encoding.UTF8.GetBytes(PrimaryKey, primary)];
        secondary = secondary[..Encoding.UTF8.GetBytes(SecondaryKey, secondary)];
        return CryptographicOperations.FixedTimeEquals(presented, primary) | CryptographicOperations.FixedTimeEquals(presented, secondary);
    }

    /// <summary>Keys never appear in logs or exception messages.</summary>
    public override string ToString() => "EndpointKeys { *** }";

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', 'A').Replace('/', 'B');
}
