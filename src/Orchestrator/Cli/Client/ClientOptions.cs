using System.CommandLine;

namespace Orchestrator.Cli.Client;

/// <summary>
/// The options of the <c>rollouts</c> verbs. Where to connect and how to authenticate are declared once on
/// <c>rollouts</c> and apply to every verb under it (<c>Recursive</c>), before or after the verb's name.
/// </summary>
internal sealed class ClientOptions
{
    /// <summary>The default address of <c>serve</c>.</summary>
    public const string DefaultServer = "http://127.0.0.1:5080";

    /// <summary>The environment variable with the service's address.</summary>
    public const string ServerVariable = "ORCHESTRATOR_URL";

    /// <summary>The environment variable with the API key.</summary>
    public const string ApiKeyVariable = "ORCHESTRATOR_API_KEY";

    /// <summary><c>--server &lt;url&gt;</c>.</summary>
    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The service's address. Default: ${ServerVariable}, else {DefaultServer}.",
        HelpName = "url",
        Recursive = true,
    };

    /// <summary><c>--api-key-file &lt;path&gt;</c>.</summary>
    public Option<FileInfo?> ApiKeyFile { get; } = new("--api-key-file")
    {
        Description = $"Read the API key from this file (keep it readable by you only). Default: ${ApiKeyVariable}.",
        HelpName = "path",
        Recursive = true,
    };

    /// <summary><c>--api-key &lt;key&gt;</c>: exists for completeness; the docs steer to the file or the variable.</summary>
    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The API key itself. Avoid: it lands in your shell history and the process list; use ${ApiKeyVariable} or --api-key-file.",
        HelpName = "key",
        Recursive = true,
    };

    /// <summary><c>--json</c>: the API's JSON as it came, for scripts.</summary>
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON answer as it is (errors: the problem details on stdout, one line on stderr).",
        Recursive = true,
    };

    /// <summary>Adds the shared options to the <c>rollouts</c> command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(ApiKeyFile);
        command.Options.Add(ApiKey);
        command.Options.Add(Json);
    }

    /// <summary><c>--request-id &lt;id&gt;</c> of a mutating verb.</summary>
    public static Option<string?> RequestId() => new("--request-id")
    {
        Description = "Sent as Idempotency-Key: a repeat with the same id (same key, same action) returns the first result without acting again, " +
            "so a CI retry is safe. Default: a fresh id per invocation.",
        HelpName = "id",
    };

    /// <summary><c>--reason &lt;text&gt;</c>: goes to the audit log.</summary>
    public static Option<string?> Reason(bool required) => new("--reason")
    {
        Description = required ? "Why (required; goes to the audit log)." : "Why (optional; goes to the audit log).",
        HelpName = "text",
    };

    /// <summary>The rollout id argument.</summary>
    public static Argument<string> RolloutId() => new("id") { Description = "The rollout's id (as list, get or submit print it)." };
}
