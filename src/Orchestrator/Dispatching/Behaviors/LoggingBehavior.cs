using Microsoft.Extensions.Logging;

namespace Orchestrator.Dispatching.Behaviors;

/// <summary>Outermost: logs each command's outcome and duration.</summary>
public sealed partial class LoggingBehavior<TCommand, TResult>(ILogger<LoggingBehavior<TCommand, TResult>> logger, TimeProvider clock)
    : IPipelineBehavior<TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    private static readonly string CommandName = typeof(TCommand).Name;

    /// <inheritdoc />
    public async Task<TResult> HandleAsync(TCommand command, PipelineContinuation<TResult> continuation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var started = clock.GetTimestamp();
        try
        {
            var result = await continuation();
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var elapsedMs = clock.GetElapsedTime(started).TotalMilliseconds;
                Log.Handled(logger, CommandName, elapsedMs);
            }

            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var error = e.GetType().Name;
                Log.Failed(logger, CommandName, error, e.Message);
            }

            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.CommandHandled, Level = LogLevel.Debug, Message = "{Command} handled in {ElapsedMs} ms")]
        public static partial void Handled(ILogger logger, string command, double elapsedMs);

        [LoggerMessage(EventId = EventIds.CommandFailed, Level = LogLevel.Information, Message = "{Command} refused or failed: {Error}: {Reason}")]
        public static partial void Failed(ILogger logger, string command, string error, string reason);
    }
}

