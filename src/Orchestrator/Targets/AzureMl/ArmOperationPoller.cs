using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Targets.AzureMl;

/// <summary>
/// Waits for an ARM long-running operation (contract §1.4): follows <c>Azure-AsyncOperation</c> (status resource,
/// then a final GET of the original URI) or <c>Location</c> (202 until done), or, without either header, polls
/// the resource's own <c>provisioningState</c>. Waits honour <c>Retry-After</c>, never shorter than
/// <see cref="AzureMlOptions.MinPollInterval"/>; the whole wait is bounded by a timeout.
/// </summary>
internal sealed partial class ArmOperationPoller(ArmConnection connection, ILogger logger)
{
    /// <summary>What kind of request started the operation.</summary>
    public enum Kind
    {
        /// <summary>A PUT: done when the resource's provisioning state is Succeeded.</summary>
        Put,

        /// <summary>A DELETE: done when the operation says so, or the resource is gone.</summary>
        Delete,
    }

    /// <summary>Waits for the operation <paramref name="initial"/> started; returns the resource's final GET (PUT) or the last answer (DELETE).</summary>
    /// <exception cref="AzureMlRequestException">The operation ended Failed or Canceled; the message is the service's.</exception>
    /// <exception cref="TimeoutException">The operation did not end within <paramref name="timeout"/>.</exception>
    public async Task<ArmResponse> WaitAsync(ArmResponse initial, string resourcePath, Kind kind, string description, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        using var timeoutSource = new CancellationTokenSource(timeout, connection.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var result = await PollAsync(initial, resourcePath, kind, description, linked.Token).ConfigureAwait(false);
            Log.Finished(logger, description);
            return result;
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{description} did not finish within {timeout} (Azure long-running operation still in progress).");
        }
    }

    private async Task<ArmResponse> PollAsync(ArmResponse initial, string resourcePath, Kind kind, string description, CancellationToken cancellationToken)
    {
        var apiVersion = connection.Options.MachineLearningApiVersion;
        if (initial.Header("Azure-AsyncOperation") is { } statusUrl)
        {
            var last = initial;
            while (true)
            {
                await DelayAsync(last, cancellationToken).ConfigureAwait(false);
                last = await connection.SendAsync(RequestMethod.Get, statusUrl, apiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!last.IsSuccess)
                {
                    throw Failure(description, last);
                }

                var status = last.Json()["status"]?.GetValue<string>();
                Log.Polling(logger, description, status ?? "?");
                if (IsSucceeded(status))
                {
                    break;
                }

                if (IsFailedOrCanceled(status))
                {
                    var error = last.Json()["error"] as JsonObject;
                    throw new AzureMlRequestException(description, 0, error?["code"]?.GetValue<string>() ?? status!, error?["message"]?.GetValue<string>() ?? $"the operation ended {status}");
                }
            }

            return kind == Kind.Delete ? last : await WaitForProvisioningAsync(null, resourcePath, description, cancellationToken).ConfigureAwait(false);
        }

        if (initial.Header("Location") is { } location)
        {
            var last = initial;
            while (true)
            {
                await DelayAsync(last, cancellationToken).ConfigureAwait(false);
                last = await connection.SendAsync(RequestMethod.Get, location, apiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
                Log.PollingStatus(logger, description, last.Status);
                if (last.Status == 202)
                {
                    location = last.Header("Location") ?? location;
                    continue;
                }

                if (kind == Kind.Delete && last.Status == 404)
                {
                    return last;
                }

                if (!last.IsSuccess)
                {
                    throw Failure(description, last);
                }

                return kind == Kind.Delete ? last : await WaitForProvisioningAsync(null, resourcePath, description, cancellationToken).ConfigureAwait(false);
            }
        }

        return kind == Kind.Delete ? initial : await WaitForProvisioningAsync(initial, resourcePath, description, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs the resource until its provisioning state is terminal (ARM: only Succeeded, Failed and Canceled are).</summary>
    private async Task<ArmResponse> WaitForProvisioningAsync(ArmResponse? current, string resourcePath, string description, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (current is null)
            {
                current = await connection.SendAsync(RequestMethod.Get, resourcePath, connection.Options.MachineLearningApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!current.IsSuccess)
                {
                    throw Failure(description, current);
                }
            }

            var state = current.Json()["properties"]?["provisioningState"]?.GetValue<string>();
            if (state is null || IsSucceeded(state))
            {
                return current;
            }

            if (IsFailedOrCanceled(state))
            {
                throw new AzureMlRequestException(description, 0, "ProvisioningState" + state, $"the resource's provisioning state is {state}");
            }

            Log.Polling(logger, description, state);
            await DelayAsync(current, cancellationToken).ConfigureAwait(false);
            current = null;
        }
    }

    private Task DelayAsync(ArmResponse last, CancellationToken cancellationToken)
    {
        var options = connection.Options;
        var asked = last.RetryAfter(connection.TimeProvider.GetUtcNow()) ?? options.DefaultPollInterval;
        var delay = asked < options.MinPollInterval ? options.MinPollInterval : asked;
        return Task.Delay(delay, connection.TimeProvider, cancellationToken);
    }

    private static bool IsSucceeded(string? status) => string.Equals(status, "Succeeded", StringComparison.OrdinalIgnoreCase);

    private static bool IsFailedOrCanceled(string? status) =>
        string.Equals(status, "Failed", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "Canceled", StringComparison.OrdinalIgnoreCase);

    private static AzureMlRequestException Failure(string description, ArmResponse response)
    {
        var (code, message) = response.Error();
        return new AzureMlRequestException(description, response.Status, code, message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = AzureMlEventIds.Polling, Level = LogLevel.Debug, Message = "{Operation}: still running ({Status})")]
        public static partial void Polling(ILogger logger, string operation, string status);

        [LoggerMessage(EventId = AzureMlEventIds.Polling, Level = LogLevel.Debug, Message = "{Operation}: still running (HTTP {Status})")]
        public static partial void PollingStatus(ILogger logger, string operation, int status);

        [LoggerMessage(EventId = AzureMlEventIds.OperationFinished, Level = LogLevel.Information, Message = "{Operation}: finished")]
        public static partial void Finished(ILogger logger, string operation);
    }
}
