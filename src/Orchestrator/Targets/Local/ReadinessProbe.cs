using System.Diagnostics;
using ScoringServer;

namespace Orchestrator.Targets.Local;

/// <summary>Waits for a starting scoring process to announce its port and pass <c>GET /health</c> under a <see cref="ReadinessPolicy"/>.</summary>
internal static class ReadinessProbe
{
    /// <summary>The port once ready.</summary>
    /// <exception cref="DeploymentFailedException">The process exited, or did not get ready in time; the message says which and shows its last output.</exception>
    public static async Task<int> WaitAsync(LocalHostContext context, Process process, Task<int> announced, ReadinessPolicy policy, LogTail log, string label, CancellationToken cancellationToken)
    {
        var clock = LocalHostContext.RealTime;
        var started = clock.GetTimestamp();
        var exited = process.WaitForExitAsync(CancellationToken.None);
        var timeout = context.Options.ReadinessTimeout;
        int? port = null;
        long probingFrom = 0;
        int failures = 0, successes = 0;
        var last = "no answer yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw Failed($"exited with code {process.ExitCode} before it was ready", log, label);
            }

            if (port is null && announced.IsCompletedSuccessfully)
            {
                port = announced.Result;
                probingFrom = clock.GetTimestamp() + (long)(policy.InitialDelay.TotalSeconds * clock.TimestampFrequency);
            }

            if (port is { } bound && clock.GetTimestamp() >= probingFrom)
            {
                (var ok, last) = await ProbeAsync(context, bound, policy.Timeout, cancellationToken).ConfigureAwait(false);
                (successes, failures) = ok ? (successes + 1, 0) : (0, failures + 1);
                if (successes >= policy.SuccessThreshold)
                {
                    return bound;
                }

                if (failures >= policy.FailureThreshold)
                {
                    throw Failed($"failed its readiness probe {failures} times in a row (last: {last})", log, label);
                }
            }

            // Without a failure threshold from the spec, the host's readiness timeout bounds the wait.
            if ((port is null || policy.FailureThreshold is null) && clock.GetElapsedTime(started) > timeout)
            {
                throw Failed(port is null ? $"did not start listening within {timeout}" : $"did not pass its readiness probe within {timeout} (last: {last})", log, label);
            }

            await Task.WhenAny(exited, port is null ? announced : exited, Task.Delay(policy.Period, clock, cancellationToken)).ConfigureAwait(false);
        }
    }

    private static async Task<(bool Ready, string Answer)> ProbeAsync(LocalHostContext context, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var probeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probeTimeout.CancelAfter(timeout);
        try
        {
            using var response = await context.Control.GetAsync(new Uri($"http://{context.BindAddress}:{port}{ScoringProtocol.HealthPath}"), probeTimeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(probeTimeout.Token).ConfigureAwait(false);
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        }
        catch (HttpRequestException ex)
        {
            return (false, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no answer within {timeout}");
        }
    }

    private static DeploymentFailedException Failed(string what, LogTail log, string label)
    {
        var tail = log.Last(5);
        return new DeploymentFailedException(tail.Count == 0 ? $"instance {label} {what}" : $"instance {label} {what}; last output: {string.Join(" | ", tail)}");
    }
}
