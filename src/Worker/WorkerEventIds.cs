namespace Worker;

/// <summary>Event ids of the worker's logs, allocated in one place (7100–7199, clear of Quartz's own ids).</summary>
internal static class WorkerEventIds
{
    public const int Rescheduled = 7101;
    public const int Finished = 7102;
    public const int HandlerFailed = 7103;
    public const int MissingRolloutId = 7104;
    public const int UnscheduledWhileRunning = 7105;
    public const int Scheduled = 7110;
    public const int Unscheduled = 7111;
    public const int SweeperStarted = 7120;
    public const int SweeperStopped = 7121;
    public const int ClaimsFreed = 7122;
    public const int SweepFailed = 7123;
    public const int LegacyGateJobsMoved = 7124;
}
