using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orchestrator.Persistence;

namespace Orchestrator.Dispatching.Behaviors;

/// <summary>
/// A mutating command with a client request id runs once: a repeat returns the stored first result (eShop's
/// IdentifiedCommand). Ids are scoped by command, so one id reused for another command is a new request.
/// </summary>
public sealed partial class IdempotencyBehavior<TCommand, TResult>(IRolloutStore store, ILogger<IdempotencyBehavior<TCommand, TResult>> logger)
    : IPipelineBehavior<TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    /// <inheritdoc />
    public async Task<TResult> HandleAsync(TCommand command, PipelineContinuation<TResult> continuation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (command is not IMutatingCommand { RequestId: { Length: > 0 } requestId })
        {
            return await continuation();
        }

        var key = $"{typeof(TCommand).Name}:{requestId}";
        if (await store.FindCommandResultAsync(key, cancellationToken) is { } stored)
        {
            Log.Repeat(logger, typeof(TCommand).Name, requestId);
            return JsonSerializer.Deserialize<TResult>(stored, StoredJson.Options)!;
        }

        var result = await continuation();
        await store.SaveCommandResultAsync(key, typeof(TCommand).Name, JsonSerializer.Serialize(result, StoredJson.Options), cancellationToken);
        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.IdempotentRepeat, Level = LogLevel.Information, Message = "{Command} repeated with request id {RequestId}: returning the first result")]
        public static partial void Repeat(ILogger logger, string command, string requestId);
    }
}
