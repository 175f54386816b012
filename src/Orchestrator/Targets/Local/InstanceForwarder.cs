using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Orchestrator.Endpoints;
using ScoringServer;

namespace Orchestrator.Targets.Local;

/// <summary>Sends one scoring request to a deployment's next ready instance, within the deployment's request timeout.</summary>
internal sealed class InstanceForwarder(LocalHostContext context)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    // Per-request work kept off the hot path: an instance's score address is built once per process (the key is
    // the instance's address object, which goes with the process), and the last content type parsed is reused.
    private readonly ConditionalWeakTable<Uri, Uri> _scoreUris = [];
    private ParsedContentType? _lastContentType;

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
                var uri = _scoreUris.GetValue(instance, static i => new Uri(i, ScoringProtocol.ScorePath));
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ReadOnlyMemoryContent(body) };
                request.Content.Headers.ContentType = ParseContentType(contentType);

                using var response = await context.Forwarder.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var answer = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                // The raw header, not parsed: the host only passes it on.
                var answerType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
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

    /// <summary>The content type to forward; null for none or one that does not parse.</summary>
    private MediaTypeHeaderValue? ParseContentType(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        if (contentType is "application/json")
        {
            return Json;
        }

        // Clients send the same content type on every request; the header value is only read once set.
        // One object read at once: its text and value always belong together, whichever request wrote it last.
        if (Volatile.Read(ref _lastContentType) is { } last && string.Equals(last.Text, contentType, StringComparison.Ordinal))
        {
            return last.Value;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return null;
        }

        Volatile.Write(ref _lastContentType, new ParsedContentType(contentType, parsed));
        return parsed;
    }

    private sealed record ParsedContentType(string Text, MediaTypeHeaderValue Value);
}
