using Azure.Core;

namespace Orchestrator.Targets.AzureMl;

/// <summary>
/// An ARM access token obtained beforehand (CI pipelines that already hold one, e.g. from
/// <c>az account get-access-token</c>), read from an environment variable or a file on every request so a
/// refreshed value is picked up. The token is never logged or put into an exception message.
/// </summary>
public sealed class PreObtainedTokenCredential : TokenCredential
{
    // The token's real expiry is unknown here; claiming a short one makes Azure.Core ask again soon,
    // which re-reads the variable or file.
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);

    private readonly Func<string?> _read;
    private readonly string _source;
    private readonly TimeProvider _timeProvider;

    private PreObtainedTokenCredential(Func<string?> read, string source, TimeProvider timeProvider)
    {
        _read = read;
        _source = source;
        _timeProvider = timeProvider;
    }

    /// <summary>Reads the token from an environment variable.</summary>
    public static PreObtainedTokenCredential FromEnvironmentVariable(string variable, TimeProvider? timeProvider = null) =>
        new(() => Environment.GetEnvironmentVariable(variable), $"environment variable {variable}", timeProvider ?? TimeProvider.System);

    /// <summary>Reads the token from a file.</summary>
    public static PreObtainedTokenCredential FromFile(string path, TimeProvider? timeProvider = null) =>
        new(() => File.Exists(path) ? File.ReadAllText(path) : null, $"file {path}", timeProvider ?? TimeProvider.System);

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var token = _read()?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException($"No access token found in {_source}.");
        }

        return new AccessToken(token, _timeProvider.GetUtcNow() + AssumedLifetime);
    }

    /// <inheritdoc />
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
