namespace Orchestrator.Cli;

/// <summary>Process exit codes of the command line.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The input (a plan, a file name) was refused; the reasons are on stderr.</summary>
    public const int InvalidInput = 2;

    /// <summary>An unexpected failure (a bug): one line on stderr, no stack trace.</summary>
    public const int InternalError = 70;
}
