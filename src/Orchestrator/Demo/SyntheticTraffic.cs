using System.Net.Http.Headers;
using System.Text;
using Orchestrator.Targets.Local;

namespace Orchestrator.Demo;

/// <summary>Steady scoring traffic to a local endpoint's data plane (real HTTP), so gates have something to judge.</summary>
internal sealed class SyntheticTraffic(LocalEndpointHost host, string endpoint, int requestsPerSecond, string requestBody, TimeProvider clock) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, long> _statuses = [];
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
                // Not serving yet (the demo creates the endpoint and blue first).
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
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.ScoringUri)
            {
                Content = new StringContent(requestBody, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Keys.PrimaryKey);
            using var response = await _http.SendAsync(request, cancellationToken);
            lock (_statuses)
            {
                _statuses[(int)response.StatusCode] = _statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The endpoint restarting or the demo ending: not a data point.
        }
    }
}
