using System.Diagnostics;

namespace AzureMlEmulator;

/// <summary>
/// Steady scoring traffic the emulator sends itself (knob <see cref="EmulatorKnobs.SetLoad"/>), so that a rollout
/// run against it has requests to gate on: live traffic follows the weights and mirroring, exactly like client
/// requests, without the HTTP hop. Injected latency is recorded, not waited for.
/// </summary>
internal sealed class SyntheticLoad(ScoringEngine engine, EmulatorKnobs knobs) : IAsyncDisposable
{
    public const string SampleRequest = "{\"data\": [[1,2,3,4,5,6,7,8,9,10], [10,9,8,7,6,5,4,3,2,1]]}";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, double> _credit = new(StringComparer.OrdinalIgnoreCase);
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    public void Start() => _loop = RunAsync(_stop.Token);

    /// <summary>Stops the load; the host and the DI container both call this, so it runs once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick);
        var last = Stopwatch.GetTimestamp();
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var elapsed = Stopwatch.GetElapsedTime(last).TotalSeconds;
            last = Stopwatch.GetTimestamp();
            foreach (var (endpoint, rate) in knobs.Loads())
            {
                var credit = _credit.GetValueOrDefault(endpoint) + (rate * elapsed);
                for (; credit >= 1; credit--)
                {
                    await engine.ScoreAsync(endpoint, SampleRequest, authorization: null, pinned: null, delay: false, cancellationToken);
                }

                _credit[endpoint] = credit;
            }
        }
    }
}
