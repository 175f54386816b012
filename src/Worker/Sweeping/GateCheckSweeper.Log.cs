using Microsoft.Extensions.Logging;

namespace Worker.Sweeping;

/// <summary>The sweeper's log events (ids in <see cref="WorkerEventIds"/>).</summary>
internal sealed partial class GateCheckSweeper
{
    private static partial class Log
    {
        [LoggerMessage(EventId = WorkerEventIds.SweeperStarted, Level = LogLevel.Information, Message = "Gate-check sweeper {Owner} started ({Concurrency} checks at once)")]
        public static partial void Started(ILogger logger, string owner, int concurrency);

        [LoggerMessage(EventId = WorkerEventIds.SweeperStopped, Level = LogLevel.Information, Message = "Gate-check sweeper {Owner} stopped")]
        public static partial void Stopped(ILogger logger, string owner);

        [LoggerMessage(EventId = WorkerEventIds.ClaimsFreed, Level = LogLevel.Information, Message = "{Count} gate check(s) claimed by a previous run are due again")]
        public static partial void ClaimsFreed(ILogger logger, int count);

        [LoggerMessage(EventId = WorkerEventIds.HandlerFailed, Level = LogLevel.Error, Message = "GateCheck of rollout {RolloutId} failed (attempt {Attempt}); retrying at {RetryAt:o}")]
        public static partial void CheckFailed(ILogger logger, Exception error, string rolloutId, int attempt, DateTimeOffset retryAt);

        [LoggerMessage(EventId = WorkerEventIds.UnscheduledWhileRunning, Level = LogLevel.Information, Message = "GateCheck of rollout {RolloutId} was unscheduled while it ran; not rescheduled")]
        public static partial void UnscheduledWhileRunning(ILogger logger, string rolloutId);

        [LoggerMessage(EventId = WorkerEventIds.SweepFailed, Level = LogLevel.Error, Message = "A gate-check sweep failed; {Outcomes} outcome(s) kept for the next sweep")]
        public static partial void SweepFailed(ILogger logger, Exception error, int outcomes);
    }
}
