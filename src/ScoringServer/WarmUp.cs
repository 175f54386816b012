using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ScoringServer;

/// <summary>
/// Warms a fresh process before it reports ready: runs the model once on a row of zeros, then sends a few requests
/// to its own <c>POST /score</c> over loopback, so the JIT, Kestrel's first connection and request, the JSON reader
/// and the model have all run once before the host routes a real request here. A fresh green then answers its first
/// requests as fast as a warm blue, and the gates compare models, not start-up costs (docs/local-host.md).
/// </summary>
/// <remarks>
/// Warm-up requests carry a token only this process knows (<see cref="Owns"/>), so they can never be told apart by
/// anyone else, nor forged: the score endpoint skips the injected faults and the request count for them. They never
/// pass through the host, so they are not in its measurements either. Warm-up is best effort: a failure is logged
/// and the process becomes ready anyway, as it did before warm-up existed.
/// </remarks>
internal sealed partial class WarmUp(ScoringModel model, int requests, ILogger<WarmUp> logger)
{
    /// <summary>The header that marks a warm-up request.</summary>
    private const string Header = "x-scoring-warmup";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly byte[] _token = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
    private int _done;

    /// <summary>True once the warm-up finished (or failed): the readiness probe may pass.</summary>
    public bool IsDone => Volatile.Read(ref _done) == 1;

    /// <summary>True for this process's own warm-up requests.</summary>
    public bool Owns(HttpRequest request)
    {
        var presented = request.Headers[Header];
        return presented.Count == 1
            && presented[0] is { Length: > 0 } value
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value), _token);
    }

    /// <summary>Runs the model once, then <c>requests</c> scoring requests through the pipeline; returns the protocol line to announce.</summary>
    public async Task<string> RunAsync(int port, CancellationToken cancellationToken = default)
    {
        var zero = model.ZeroRow;
        _ = model.Predict([zero], out _);
        var body = $"{{\"data\": [[{string.Join(',', zero.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]]}}";
        var timings = new List<double>(requests);
        try
        {
            if (requests > 0)
            {
                using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = RequestTimeout };
                var uri = new Uri($"http://127.0.0.1:{port}{ScoringProtocol.ScorePath}");
                for (var i = 0; i < requests; i++)
                {
                    timings.Add(await SendAsync(client, uri, body, cancellationToken).ConfigureAwait(false));
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.WarmUpFailed(logger, timings.Count, requests, ex.Message);
        }
        finally
        {
            Volatile.Write(ref _done, 1);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{ScoringProtocol.WarmPrefix}requests={timings.Count} first_ms={(timings.Count > 0 ? timings[0] : 0):0.0} last_ms={(timings.Count > 0 ? timings[^1] : 0):0.0}");
    }

    private async Task<double> SendAsync(HttpClient client, Uri uri, string body, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(Header, Encoding.ASCII.GetString(_token));
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // The answer's status does not matter (a model may refuse zeros): the pipeline ran either way.
        _ = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "Warm-up stopped after {Sent} of {Requests} requests: {Reason}; ready anyway")]
        public static partial void WarmUpFailed(ILogger logger, int sent, int requests, string reason);
    }
}
