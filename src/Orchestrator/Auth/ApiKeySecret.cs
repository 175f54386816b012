using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Auth;

/// <summary>
/// Generates key secrets and hashes them. A key is 32 random bytes, so an unsalted SHA-256 is enough: nobody can
/// brute-force the pre-image, and a hash can be looked up without trying every stored key.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>Generated keys start with this, so secret scanners and people recognise them.</summary>
    public const string Prefix = "rok_";

    /// <summary>The shortest key accepted from configuration.</summary>
    public const int MinimumLength = 32;

    /// <summary>Hex characters of the hash stored in clear for lookup; the full hash is compared in constant time.</summary>
    internal const int LookupLength = 16;

    /// <summary>A new random key: <c>rok_</c> followed by 32 random bytes in base64url.</summary>
    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The lookup column: the first hex characters of the hash.</summary>
    public static string LookupOf(byte[] hash) => Convert.ToHexStringLower(hash)[..LookupLength];

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool Matches(byte[] presentedHash, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(presentedHash, storedHash);
}
