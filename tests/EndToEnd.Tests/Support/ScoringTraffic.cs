using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace EndToEnd.Tests.Support;

/// <summary>Where to score: the endpoint's data plane and one of its keys.</summary>
internal sealed record ScoringTarget(Uri ScoringUri, string Key);

/// <summary>
/// Steady scoring traffic from the test to an endpoint's real data plane, fire and forget at a fixed pace (a slow
/// deployment must not slow the offered load). The target is found through the API once the endpoint serves, and
/// found again after a run of connection failures (the service restarted, maybe on another port). Not the product's
/// <c>Orchestrator.Cli.SyntheticTraffic</c> on purpose: that one holds the in-process local endpoint host, while this
/// is a client of a service in another process that may be killed, and it counts answers by status for assertions.
/// </summary>
internal sealed class ScoringTraffic : IAsyncDisposable
{
    private const int FailuresBeforeRetarget = 5;
    private static readonly TimeSpan ResolveEvery = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Func<CancellationToken, Task<ScoringTarget?>> _resolve;
    private readonly TimeSpan _pace;
    private readonly string _body;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, long> _outcomes = [];
    private readonly Task _running;
    private ScoringTarget? _target;
    private int _consecutiveFailures;

    private ScoringTraffic(Func<CancellationToken, Task<ScoringTarget?>> resolve, int requestsPerSecond)
    {
        _resolve = resolve;
        _pace = TimeSpan.FromSeconds(1.0 / requestsPerSecond);
        _body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "sample-request.json"));
        _running = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Starts sending as soon as <paramref name="resolve"/> finds a target.</summary>
    public static ScoringTraffic Start(Func<CancellationToken, Task<ScoringTarget?>> resolve, int requestsPerSecond = 25) => new(resolve, requestsPerSecond);

    /// <summary>Answers so far by outcome: <c>200</c>, <c>424</c>, ..., or <c>unreachable</c>.</summary>
    public IReadOnlyDictionary<string, long> Outcomes
    {
        get
        {
            lock (_outcomes)
            {
                return new Dictionary<string, long>(_outcomes);
            }
        }
    }

    /// <summary>How many answers had the given outcome.</summary>
    public long Count(string outcome) => Outcomes.GetValueOrDefault(outcome);

    public override string ToString() => string.Join(", ", Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_pace);
        var inFlight = new List<Task>();
        var sinceResolve = Stopwatch.StartNew();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var target = Volatile.Read(ref _target);
                if (target is null)
                {
                    if (sinceResolve.Elapsed >= ResolveEvery)
                    {
                        sinceResolve.Restart();
                        Volatile.Write(ref _target, await TryResolveAsync(cancellationToken));
                    }

                    continue;
                }

                inFlight.RemoveAll(t => t.IsCompleted);
                inFlight.Add(SendOneAsync(target, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }

        await Task.WhenAll(inFlight);
    }

    private async Task<ScoringTarget?> TryResolveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _resolve(cancellationToken);
        }
        catch (HttpRequestException)
        {
            // The service is down or restarting: try again shortly.
            return null;
        }
    }

    private async Task SendOneAsync(ScoringTarget target, CancellationToken cancellationToken)
    {
        string outcome;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.ScoringUri)
            {
                Content = new StringContent(_body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Key);
            using var response = await _http.SendAsync(request, cancellationToken);
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Interlocked.Exchange(ref _consecutiveFailures, 0);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            outcome = "unreachable";
            if (Interlocked.Increment(ref _consecutiveFailures) >= FailuresBeforeRetarget)
            {
                // The data plane is gone (a killed service): look it up again through the API.
                Interlocked.CompareExchange(ref _target, null, target);
                Interlocked.Exchange(ref _consecutiveFailures, 0);
            }
        }

        lock (_outcomes)
        {
            _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
        }
    }
}
