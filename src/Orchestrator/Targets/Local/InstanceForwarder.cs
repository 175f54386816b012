using Orchestrator.Endpoints;

namespace Orchestrator.Targets.Local;

/// <summary>Sends one scoring request to a deployment's next ready instance, within the deployment's request timeout.</summary>
internal sealed class InstanceForwarder(LocalHostContext context)
{
    /// <summary>The deployment's answer; never throws for the deployment's failures, only for <paramref name="cancellationToken"/>.</summary>
    public async Task<ForwardResult> ForwardAsync(LocalDeployment deployment, ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deployment.RequestTimeout);
        var attempts = Math.Max(1, deployment.Instances.Length);
        string? failure = null;
        List<Uri>? failed = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (deployment.NextReadyInstance(failed) is not { } instance)
            {
                break;
            }

            try
            {
                var (status, answer, answerType) = await context.Forwarder.PostAsync(instance, body, contentType, timeout.Token).ConfigureAwait(false);
                return new ForwardResult(status == 200 ? 200 : ForwardResult.ModelError, status, answer, answerType);
            }
            catch (HttpRequestException ex)
            {
                // The instance died under us (its supervisor restarts it): scoring is a pure function, so another instance may answer.
                failure = ex.Message;
                (failed ??= []).Add(instance);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ForwardResult.FromHost(408, $"deployment '{deployment.Name}' did not answer within its request timeout of {deployment.RequestTimeout.TotalMilliseconds} ms");
            }
        }

        return failure is null
            ? ForwardResult.FromHost(503, deployment.Provisioning == ProvisioningState.Succeeded
                ? $"deployment '{deployment.Name}' has no ready instance (restarting)"
                : $"deployment '{deployment.Name}' is {deployment.Provisioning} and has no ready instance")
            : ForwardResult.FromHost(502, $"deployment '{deployment.Name}' failed to answer: {failure}");
    }
}
