using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Targets.Local;

/// <summary>An endpoint's two scoring keys (Azure ML's <c>listKeys</c>): either one authorizes; regenerate one while clients use the other.</summary>
/// <param name="PrimaryKey">The primary key.</param>
/// <param name="SecondaryKey">The secondary key.</param>
public sealed record EndpointKeys(string PrimaryKey, string SecondaryKey)
{
    /// <summary>Two fresh random keys.</summary>
    public static EndpointKeys Generate() => new(NewKey(), NewKey());

    /// <summary>These keys with one of them replaced by a fresh random key.</summary>
    public EndpointKeys Regenerate(EndpointKeyKind kind) => kind switch
    {
        EndpointKeyKind.Primary => this with { PrimaryKey = NewKey() },
        EndpointKeyKind.Secondary => this with { SecondaryKey = NewKey() },
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

        var presented = Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(PrimaryKey))
            | CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(SecondaryKey));
    }

    /// <summary>Keys never appear in logs or exception messages.</summary>
    public override string ToString() => "EndpointKeys { *** }";

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', 'A').Replace('/', 'B');
}
