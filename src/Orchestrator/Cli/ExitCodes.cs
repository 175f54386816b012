namespace Orchestrator.Cli;

/// <summary>Process exit codes of the command line.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The input (a plan, a file name) was refused; the reasons are on stderr.</summary>
    public const int InvalidInput = 2;

    /// <summary>The rollout rolled back, or was cancelled while queued (the reason is printed).</summary>
    public const int RolledBack = 1;

    /// <summary>The rollout's rollback could not be applied: the endpoint needs a human.</summary>
    public const int RollbackFailed = 3;

    /// <summary>An unexpected failure (a bug): one line on stderr, no stack trace.</summary>
    public const int InternalError = 70;
}
