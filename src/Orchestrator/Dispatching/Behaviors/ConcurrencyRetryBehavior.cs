using Microsoft.Extensions.Logging;
using Orchestrator.Persistence;

namespace Orchestrator.Dispatching.Behaviors;

/// <summary>
/// Innermost: when the rollout changed between read and write (another node, or the gate job racing the tick),
/// the handler runs again on fresh state; handlers reload and re-decide, so a retry never applies a stale decision.
/// </summary>
public sealed partial class ConcurrencyRetryBehavior<TCommand, TResult>(ILogger<ConcurrencyRetryBehavior<TCommand, TResult>> logger)
    : IPipelineBehavior<TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    private const int MaxAttempts = 8;

    /// <inheritdoc />
    public async Task<TResult> HandleAsync(TCommand command, PipelineContinuation<TResult> continuation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await continuation();
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                Log.Retrying(logger, typeof(TCommand).Name, attempt);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ConcurrencyRetry, Level = LogLevel.Debug, Message = "{Command} hit a concurrent change; attempt {Attempt} retries on fresh state")]
        public static partial void Retrying(ILogger logger, string command, int attempt);
    }
}
