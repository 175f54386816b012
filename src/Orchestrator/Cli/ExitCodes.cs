using Orchestrator.Rollouts;

namespace Orchestrator.Cli;

/// <summary>Process exit codes of the command line (docs/cli.md lists them per verb).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The rollout rolled back, or was cancelled while queued (the reason is printed).</summary>
    public const int RolledBack = 1;

    /// <summary>The input (a plan, a file name, an option, or a request the API answered 400, 413 or 415) was refused; the reasons are on stderr.</summary>
    public const int InvalidInput = 2;

    /// <summary>The rollout's rollback could not be applied: the endpoint needs a human.</summary>
    public const int RollbackFailed = 3;

    /// <summary>The API answered 404: no such rollout (or route).</summary>
    public const int NotFound = 4;

    /// <summary>The API answered 401 (no, unknown or revoked API key) or 403 (the key's role does not permit it), or no key was given.</summary>
    public const int Unauthorized = 5;

    /// <summary>The API answered 409: the rollout's state does not permit the action, or the endpoint is busy.</summary>
    public const int Conflict = 6;

    /// <summary>The server could not be reached, did not answer in time, or answered something that is not the API.</summary>
    public const int Unreachable = 7;

    /// <summary>The API answered 500 or another status the client does not expect.</summary>
    public const int ServerError = 8;

    /// <summary>An unexpected failure (a bug): one line on stderr, no stack trace.</summary>
    public const int InternalError = 70;

    /// <summary>How a finished rollout ends a verb that follows it (<c>run</c>, <c>rollouts watch</c>): 0 succeeded, 1 rolled back or cancelled, 3 the rollback failed.</summary>
    public static int ForFinalState(RolloutPhase state) => state switch
    {
        RolloutPhase.Succeeded => Success,
        RolloutPhase.RolledBack or RolloutPhase.Cancelled => RolledBack,
        _ => RollbackFailed,
    };
}
