using System.CommandLine;

namespace Orchestrator.Cli.Client;

/// <summary>Where a <c>rollouts</c> verb connects, with which key, and how it prints; resolved from options and environment.</summary>
/// <param name="Server">The service's base address (ends with a slash, so a path prefix of a proxy is kept).</param>
/// <param name="ApiKey">The API key.</param>
/// <param name="Json">Print the API's JSON as it is.</param>
internal sealed record ClientSettings(Uri Server, string ApiKey, bool Json)
{
    /// <summary>How long one request may take before the verb gives up (exit 7).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Resolves the settings, or writes one line saying what is wrong and returns the exit code (2 bad input, 5 no key).</summary>
    public static (ClientSettings? Settings, int ExitCode) Resolve(ParseResult result, ClientOptions options, CliContext context, TextWriter error)
    {
        var server = result.GetValue(options.Server) is { Length: > 0 } s ? s : context.Environment(ClientOptions.ServerVariable) is { Length: > 0 } e ? e : ClientOptions.DefaultServer;
        if (!Uri.TryCreate(server.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error.WriteLine($"error: --server: '{server}' is not an http(s) address, e.g. {ClientOptions.DefaultServer}");
            return (null, ExitCodes.InvalidInput);
        }

        var (key, exitCode) = ResolveKey(result, options, context, error);
        if (key is null)
        {
            return (null, exitCode);
        }

        var baseAddress = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return (new ClientSettings(baseAddress, key, result.GetValue(options.Json)), ExitCodes.Success);
    }

    private static (string? Key, int ExitCode) ResolveKey(ParseResult result, ClientOptions options, CliContext context, TextWriter error)
    {
        var file = result.GetValue(options.ApiKeyFile);
        var inline = result.GetValue(options.ApiKey);
        if (file is not null && inline is not null)
        {
            error.WriteLine("error: give the API key one way: --api-key-file or --api-key, not both");
            return (null, ExitCodes.InvalidInput);
        }

        if (file is not null)
        {
            return ReadKeyFile(file, error);
        }

        var key = inline ?? context.Environment(ClientOptions.ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            error.WriteLine($"error: no API key: set {ClientOptions.ApiKeyVariable} or pass --api-key-file <path> (a key is made with POST /api/v1/keys, see docs/api.md)");
            return (null, ExitCodes.Unauthorized);
        }

        return (key.Trim(), ExitCodes.Success);
    }

    private static (string? Key, int ExitCode) ReadKeyFile(FileInfo file, TextWriter error)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: --api-key-file: {file.FullName} does not exist");
            return (null, ExitCodes.InvalidInput);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: --api-key-file: cannot read {file.FullName}: {ex.Message}");
            return (null, ExitCodes.InvalidInput);
        }

        if (text.Length == 0 || text.Any(char.IsWhiteSpace))
        {
            // Never echo the content: it may be a key with a stray character, or something else entirely.
            error.WriteLine($"error: --api-key-file: {file.FullName} must hold the key alone on one line");
            return (null, ExitCodes.InvalidInput);
        }

        return (text, ExitCodes.Success);
    }
}
