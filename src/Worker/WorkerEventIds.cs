namespace Worker;

/// <summary>Event ids of the worker's logs, allocated in one place (3000–3099).</summary>
internal static class WorkerEventIds
{
    public const int Rescheduled = 3001;
    public const int Finished = 3002;
    public const int HandlerFailed = 3003;
    public const int MissingRolloutId = 3004;
    public const int UnscheduledWhileRunning = 3005;
    public const int Scheduled = 3010;
    public const int Unscheduled = 3011;
}
