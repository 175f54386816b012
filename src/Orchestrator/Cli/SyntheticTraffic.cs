using System.Net.Http.Headers;
using System.Text;
using Orchestrator.Targets.Local;

namespace Orchestrator.Cli;

/// <summary>
/// Steady scoring traffic to a local endpoint's data plane (real HTTP), so gates have something to judge. Used by
/// <c>demo</c> and by <c>run --traffic</c>. The reaction benchmarks keep their own driver (bench/…/ScoringTraffic.cs)
/// on purpose: it paces on an absolute schedule so the offered rate holds exactly; tried here, that left the latency gates
/// of the demo flaky (4 of 7 healthy demos rolled back, against 0 of 4 with this relative pace).
/// </summary>
internal sealed class SyntheticTraffic(LocalEndpointHost host, string endpoint, int requestsPerSecond, string requestBody, TimeProvider clock) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, long> _statuses = [];
    private long _sent;
    private long _failed;
    private Task? _running;
    private bool _disposed;

    /// <summary>Responses by status code so far.</summary>
    public IReadOnlyDictionary<int, long> Statuses
    {
        get
        {
            lock (_statuses)
            {
                return new Dictionary<int, long>(_statuses);
            }
        }
    }

    /// <summary>Requests sent so far, and how many of them got no 2xx answer (an error status or no answer).</summary>
    public TrafficCounts Counts => new(Interlocked.Read(ref _sent), Interlocked.Read(ref _failed));

    /// <summary>Starts sending once the endpoint exists.</summary>
    public void Start() => _running = RunAsync(_stop.Token);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var pace = TimeSpan.FromSeconds(1.0 / requestsPerSecond);
        var inFlight = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(pace, clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (host.GetEndpoint(endpoint) is not { } target || target.GetState().Traffic.LiveTotal == 0)
            {
                // Not serving yet (the rollout creates the endpoint and blue first).
                continue;
            }

            // Fire and forget at a steady pace: a slow deployment must not slow the offered load.
            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(SendOneAsync(target, cancellationToken));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendOneAsync(LocalEndpoint target, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.ScoringUri)
            {
                Content = new StringContent(requestBody, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Keys.PrimaryKey);
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _failed);
            }

            lock (_statuses)
            {
                _statuses[(int)response.StatusCode] = _statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            }
        }
        catch (HttpRequestException)
        {
            // The endpoint restarting: no status to count, but the request did fail.
            Interlocked.Increment(ref _failed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ending: the request was cut short by us, not failed by the endpoint.
            Interlocked.Decrement(ref _sent);
        }
        catch (OperationCanceledException)
        {
            // The client's timeout: the endpoint did not answer.
            Interlocked.Increment(ref _failed);
        }
    }
}
