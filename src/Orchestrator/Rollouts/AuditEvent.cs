namespace Orchestrator.Rollouts;

/// <summary>One entry of the append-only audit log: who did what to which rollout, and what it changed.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who: a person, a key name, a pipeline, or the scheduler.</param>
/// <param name="Action">What, e.g. <c>Pause</c>, <c>StepCompleted</c>, <c>GateFailed</c>.</param>
/// <param name="Reason">Why, when given.</param>
/// <param name="FromState">The state before, when the action changed it.</param>
/// <param name="ToState">The state after, when the action changed it.</param>
public sealed record AuditEvent(
    Guid RolloutId,
    DateTimeOffset At,
    Actor Actor,
    string Action,
    string? Reason,
    RolloutPhase? FromState,
    RolloutPhase? ToState);

/// <summary>Who sends a command.</summary>
/// <param name="Name">The person, key or pipeline name; <c>scheduler</c> for the worker.</param>
/// <param name="Role">The role the action was authorized under.</param>
/// <param name="Source">Where the command came from.</param>
public sealed record Actor(string Name, ActorRole Role, CommandSource Source)
{
    /// <summary>The worker's own actions.</summary>
    public static Actor Scheduler { get; } = new("scheduler", ActorRole.System, CommandSource.Scheduler);
}

/// <summary>Roles of API keys (and the system).</summary>
public enum ActorRole
{
    /// <summary>Read only.</summary>
    Viewer,

    /// <summary>Pause, resume, abort (and read).</summary>
    OnCall,

    /// <summary>Submit, approve, promote, retry (and read).</summary>
    ReleaseManager,

    /// <summary>Everything, including key management.</summary>
    Admin,

    /// <summary>The service itself (scheduler jobs).</summary>
    System,
}

/// <summary>Where a command came from.</summary>
public enum CommandSource
{
    /// <summary>The HTTP API (a client that does not name itself with <c>X-Orchestrator-Client</c>).</summary>
    Api,

    /// <summary>The command line: <c>run</c> and <c>demo</c> in-process, the <c>rollouts</c> verbs over the API.</summary>
    Cli,

    /// <summary>The CI webhook.</summary>
    Webhook,

    /// <summary>The worker's jobs.</summary>
    Scheduler,

    /// <summary>The web dashboard, over the API.</summary>
    Dashboard,
}
