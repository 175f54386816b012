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

    /// <summary>
    /// Resolves the settings, or writes a line for each thing that is wrong (the address and the key at once) and
    /// returns the exit code: 2 for bad input, 5 when the only problem is that no key was given.
    /// </summary>
    public static (ClientSettings? Settings, int ExitCode) Resolve(ParseResult result, ClientOptions options, CliContext context, TextWriter error)
    {
        var server = ResolveServer(result, options, context);
        var key = ResolveKey(result, options, context);
        if (server.Uri is { } uri && key.Key is { } apiKey)
        {
            var baseAddress = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
            return (new ClientSettings(baseAddress, apiKey, result.GetValue(options.Json)), ExitCodes.Success);
        }

        var refusals = new[] { (Refusal: server.Refusal, ExitCode: ExitCodes.InvalidInput), (key.Refusal, key.ExitCode) }.Where(r => r.Refusal is not null).ToList();
        foreach (var (refusal, _) in refusals)
        {
            error.WriteLine($"error: {refusal}");
        }

        return (null, refusals.Min(r => r.ExitCode));
    }

    private static (Uri? Uri, string? Refusal) ResolveServer(ParseResult result, ClientOptions options, CliContext context)
    {
        var server = result.GetValue(options.Server) is { Length: > 0 } s ? s : context.Environment(ClientOptions.ServerVariable) is { Length: > 0 } e ? e : ClientOptions.DefaultServer;
        return Uri.TryCreate(server.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? (uri, null)
            : (null, $"--server: '{server}' is not an http(s) address, e.g. {ClientOptions.DefaultServer}");
    }

    private static (string? Key, string? Refusal, int ExitCode) ResolveKey(ParseResult result, ClientOptions options, CliContext context)
    {
        var file = result.GetValue(options.ApiKeyFile);
        var inline = result.GetValue(options.ApiKey);
        if (file is not null && inline is not null)
        {
            return (null, "give the API key one way: --api-key-file or --api-key, not both", ExitCodes.InvalidInput);
        }

        if (file is not null)
        {
            var (key, refusal) = ReadKeyFile(file);
            return (key, refusal, ExitCodes.InvalidInput);
        }

        var value = inline ?? context.Environment(ClientOptions.ApiKeyVariable);
        return string.IsNullOrWhiteSpace(value)
            ? (null, $"no API key: set {ClientOptions.ApiKeyVariable} or pass --api-key-file <path> (a key is made with POST /api/v1/keys, see docs/api.md)", ExitCodes.Unauthorized)
            : (value.Trim(), null, ExitCodes.Success);
    }

    private static (string? Key, string? Refusal) ReadKeyFile(FileInfo file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, $"--api-key-file: {file.FullName} does not exist");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"--api-key-file: cannot read {file.FullName}: {ex.Message}");
        }

        // Never echo the content: it may be a key with a stray character, or something else entirely.
        return text.Length == 0 || text.Any(char.IsWhiteSpace)
            ? (null, $"--api-key-file: {file.FullName} must hold the key alone on one line")
            : (text, null);
    }
}
