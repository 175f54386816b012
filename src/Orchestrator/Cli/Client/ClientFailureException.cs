namespace Orchestrator.Cli.Client;

/// <summary>
/// A <c>rollouts</c> verb cannot go on: the API refused (a problem details answer), or the server could not be
/// reached or did not speak the API. The message is the one line the user sees; no stack trace is ever printed.
/// </summary>
internal sealed class ClientFailureException : Exception
{
    public ClientFailureException()
    {
    }

    public ClientFailureException(string message)
        : base(message)
    {
    }

    public ClientFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClientFailureException(string message, int exitCode, string? problemJson = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        ProblemJson = problemJson;
    }

    /// <summary>The process exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = ExitCodes.ServerError;

    /// <summary>The API's problem details as they came, for <c>--json</c>; null when the server sent none.</summary>
    public string? ProblemJson { get; }

    /// <summary>True when the failure may pass by itself (the server is down, slow or failing), so a follower keeps trying.</summary>
    public bool IsTransient => ExitCode is ExitCodes.Unreachable or ExitCodes.ServerError;
}
