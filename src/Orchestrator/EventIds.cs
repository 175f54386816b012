namespace Orchestrator;

/// <summary>
/// Log event ids of the service, allocated by range so ids stay stable and unique: 1xxx dispatching and 2xxx
/// execution (here), 3xxx the local endpoint host (<c>Targets.Local.LocalHostLog</c>; 31xx the scoring server),
/// 4xxx the Azure ML target (<c>Targets.AzureMl.AzureMlEventIds</c>), 5xxx the HTTP API (here).
/// </summary>
internal static class EventIds
{
    // 1xxx: dispatching
    public const int CommandHandled = 1000;
    public const int CommandFailed = 1001;
    public const int ConcurrencyRetry = 1002;
    public const int IdempotentRepeat = 1003;
    public const int TransitionRefused = 1004;
    public const int ComputeCheckSkipped = 1005;

    // 2xxx: rollout execution (ticks, gates, rollbacks)
    public const int StepStarted = 2000;
    public const int StepFailed = 2001;
    public const int TrafficReconciled = 2002;
    public const int GateRound = 2003;
    public const int RollbackApplied = 2004;
    public const int RollbackAttemptFailed = 2005;
    public const int TickFailed = 2006;
    public const int TargetUnavailable = 2007;
    public const int RolloutsResumed = 2008;

    // 3xxx: rollouts queued behind a busy endpoint
    public const int QueuedRolloutStarted = 3000;
    public const int QueuedRolloutStartFailed = 3001;
    public const int QueuedRolloutsResumed = 3002;

    // 5xxx: HTTP API and API keys
    public const int AdminKeyCreated = 5000;
    public const int AdminKeyFromConfiguration = 5001;
    public const int KeyRejected = 5002;
    public const int KeyCreated = 5003;
    public const int KeyRevoked = 5004;
    public const int UnhandledException = 5010;
    public const int BadRequest = 5011;
    public const int ActualTrafficUnavailable = 5020;
    public const int LocalKeysListed = 5030;
    public const int LocalFaultsSet = 5031;
    public const int WebhookRefused = 5040;
    public const int WebhookAccepted = 5041;
}
