using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Orchestrator.Targets.Local;

namespace Orchestrator.Benchmarks.Hosting;

/// <summary>
/// Steady scoring requests over real HTTP to a local endpoint's data plane, at a fixed rate on an absolute
/// schedule (a slow answer never slows the offered load), so the local metric source has real measurements. Not the
/// product's <c>Orchestrator.Cli.SyntheticTraffic</c> on purpose: that one paces relatively (each request a pace after
/// the last), which under-offers a little but keeps the demo's latency gates steady; a benchmark needs the exact rate.
/// </summary>
internal sealed class ScoringTraffic : IAsyncDisposable
{
    private const string RequestBody = """{"data": [[1,2,3,4,5,6,7,8,9,10],[10,9,8,7,6,5,4,3,2,1]]}""";
    private readonly LocalEndpointHost _host;
    private readonly string _endpoint;
    private readonly int _requestsPerSecond;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private long _sent;
    private long _failed;

    /// <summary>Starts sending; requests begin once the endpoint exists and serves live traffic.</summary>
    public ScoringTraffic(LocalEndpointHost host, string endpoint, int requestsPerSecond)
    {
        _host = host;
        _endpoint = endpoint;
        _requestsPerSecond = requestsPerSecond;
        _running = requestsPerSecond > 0 ? Task.Run(() => RunAsync(_stop.Token)) : Task.CompletedTask;
    }

    /// <summary>Requests sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests that got no HTTP answer or a non-2xx one.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var inFlight = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        for (long i = 1; !cancellationToken.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / _requestsPerSecond) - Stopwatch.GetElapsedTime(start);
            try
            {
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (_host.GetEndpoint(_endpoint) is not { } endpoint || endpoint.GetState().Traffic.LiveTotal == 0)
            {
                continue;
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(SendAsync(endpoint, cancellationToken));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(LocalEndpoint endpoint, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.ScoringUri)
            {
                Content = new StringContent(RequestBody, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Keys.PrimaryKey);
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _failed);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
