using System.Buffers;
using System.Text.Json;

namespace ScoringServer;

/// <summary>
/// <c>POST /score</c>: <c>{"data": [[...], ...]}</c> → a JSON array with one prediction per row, as the Azure ML
/// inference server answers for the sample's <c>run()</c>; injected faults apply before the model runs, to real
/// requests only: the process's own warm-up requests are neither counted nor delayed, failed or crashed.
/// </summary>
internal sealed partial class ScoreEndpoint(ScoringModel model, FaultState faults, WarmUp warmUp, ILogger<ScoreEndpoint> logger, Action<int> exit)
{
    /// <summary>The inference server's body when <c>run()</c> raises (azureml-contract.md §5.2).</summary>
    private const string RunFailedBody = """{"message": "An unexpected error occurred in scoring script. Check the logs for more info."}""";

    /// <summary>Handles one scoring request.</summary>
    public Task HandleAsync(HttpContext context) =>
        warmUp.Owns(context.Request) ? ScoreAsync(context, ordinal: 0) : HandleRealAsync(context);

    /// <summary>Counts a real request and applies the faults in force before scoring it.</summary>
    private async Task HandleRealAsync(HttpContext context)
    {
        var settings = faults.Current;
        var ordinal = faults.CountRequest();
        if (settings.CrashAfterRequests is { } crashAfter && ordinal >= crashAfter)
        {
            // The answer still goes out: the crash happens after serving the N-th request, as the fault says.
            context.Response.OnCompleted(() =>
            {
                Log.InjectedCrash(logger, ordinal);
                exit(ScoringProtocol.InjectedCrashExitCode);
                return Task.CompletedTask;
            });
        }

        var delay = FaultState.SampleLatency(settings);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, TimeProvider.System, context.RequestAborted).ConfigureAwait(false);
        }

        if (settings.ErrorRate > 0 && Random.Shared.NextDouble() < settings.ErrorRate)
        {
            Log.InjectedError(logger, ordinal);
            await WriteRunFailedAsync(context).ConfigureAwait(false);
            return;
        }

        await ScoreAsync(context, ordinal).ConfigureAwait(false);
    }

    /// <summary>Runs the model on the request's rows; <paramref name="ordinal"/> is 0 for a warm-up request.</summary>
    private async Task ScoreAsync(HttpContext context, long ordinal)
    {
        var rows = await ReadRowsAsync(context).ConfigureAwait(false);
        string? error = "the body must be a JSON object {\"data\": [[numbers], ...]}";
        var predictions = rows is null ? null : model.Predict(rows, out error);
        if (predictions is null)
        {
            Log.BadInput(logger, ordinal, error ?? "invalid input");
            await WriteRunFailedAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-ms-run-function-failed"] = "False";
        var buffer = new ArrayBufferWriter<byte>(16 + (predictions.Length * 24));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in predictions)
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
        }

        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<List<double[]>?> ReadRowsAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var rows = new List<double[]>(data.GetArrayLength());
            foreach (var row in data.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                rows.Add([.. row.EnumerateArray().Select(v => v.GetDouble())]);
            }

            return rows;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static Task WriteRunFailedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-ms-run-function-failed"] = "True";
        return context.Response.WriteAsync(RunFailedBody, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Request {Ordinal}: injected HTTP 500")]
        public static partial void InjectedError(ILogger logger, long ordinal);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Request {Ordinal}: scoring failed: {Reason}")]
        public static partial void BadInput(ILogger logger, long ordinal, string reason);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Critical, Message = "Injected crash after serving request {Ordinal}")]
        public static partial void InjectedCrash(ILogger logger, long ordinal);
    }
}
