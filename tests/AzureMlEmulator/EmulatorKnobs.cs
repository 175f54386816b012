namespace AzureMlEmulator;

/// <summary>
/// Fault and timing knobs, changeable while the emulator runs (from C# or through <c>POST /_emulator/knobs</c>).
/// All members are thread-safe.
/// </summary>
public sealed class EmulatorKnobs
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _provisioningFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TimeSpan> _latency = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (double Rate, int Status)> _errors = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, double> _loads = new(StringComparer.OrdinalIgnoreCase);
    private int _throttleNext;
    private int _conflictNext;
    private int _serverErrorNext;

    internal EmulatorKnobs(EmulatorOptions options)
    {
        LroPolls = options.LroPolls;
        RetryAfter = options.RetryAfter;
        BaseLatency = options.BaseLatency;
    }

    /// <summary>Latency every deployment adds to each scoring request, before any injected latency.</summary>
    public TimeSpan BaseLatency { get; set; }

    /// <summary>Polls answered "in progress" before an operation ends.</summary>
    public int LroPolls { get; set; }

    /// <summary>Operations never end (to test client timeouts).</summary>
    public bool OperationsNeverFinish { get; set; }

    /// <summary>The <c>Retry-After</c> of operations and 429s (whole seconds in <c>Retry-After</c>, exact in <c>retry-after-ms</c>).</summary>
    public TimeSpan RetryAfter { get; set; }

    /// <summary>When set, every metrics call answers 503 with this message.</summary>
    public string? MetricsFailure { get; set; }

    /// <summary>The next <paramref name="count"/> ARM requests are answered 429 TooManyRequests.</summary>
    public void ThrottleNext(int count) => Interlocked.Exchange(ref _throttleNext, count);

    /// <summary>The next <paramref name="count"/> mutating ARM requests (PUT, PATCH, DELETE) are answered 409 "operation in progress".</summary>
    public void ConflictNext(int count) => Interlocked.Exchange(ref _conflictNext, count);

    /// <summary>The next <paramref name="count"/> ARM requests are answered 503 ServiceUnavailable.</summary>
    public void ServerErrorNext(int count) => Interlocked.Exchange(ref _serverErrorNext, count);

    /// <summary>The deployment's next create or update ends Failed with this message.</summary>
    public void FailProvisioning(string deployment, string message)
    {
        lock (_gate)
        {
            _provisioningFailures[deployment] = message;
        }
    }

    /// <summary>Adds latency to every scoring request a deployment serves (zero removes it).</summary>
    public void InjectLatency(string deployment, TimeSpan latency)
    {
        lock (_gate)
        {
            _latency[deployment] = latency;
        }
    }

    /// <summary>A fraction (0..1) of a deployment's scoring requests is answered with <paramref name="status"/>.</summary>
    public void InjectErrors(string deployment, double rate, int status = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        lock (_gate)
        {
            _errors[deployment] = (rate, status);
        }
    }

    /// <summary>The emulator scores <paramref name="requestsPerSecond"/> requests a second on the endpoint itself (0 stops).</summary>
    public void SetLoad(string endpoint, double requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        lock (_gate)
        {
            _loads[endpoint] = requestsPerSecond;
        }
    }

    /// <summary>Removes every data-plane fault and provisioning failure, and the pending injected answers.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _provisioningFailures.Clear();
            _latency.Clear();
            _errors.Clear();
        }

        ThrottleNext(0);
        ConflictNext(0);
        ServerErrorNext(0);
        MetricsFailure = null;
        OperationsNeverFinish = false;
    }

    internal IReadOnlyList<(string Endpoint, double Rate)> Loads()
    {
        lock (_gate)
        {
            return [.. _loads.Where(l => l.Value > 0).Select(l => (l.Key, l.Value))];
        }
    }

    internal bool TakeThrottle() => Take(ref _throttleNext);

    internal bool TakeConflict() => Take(ref _conflictNext);

    internal bool TakeServerError() => Take(ref _serverErrorNext);

    internal string? ProvisioningFailure(string deployment)
    {
        lock (_gate)
        {
            return _provisioningFailures.TryGetValue(deployment, out var message) ? message : null;
        }
    }

    internal TimeSpan LatencyOf(string deployment)
    {
        lock (_gate)
        {
            return BaseLatency + _latency.GetValueOrDefault(deployment);
        }
    }

    internal (double Rate, int Status) ErrorsOf(string deployment)
    {
        lock (_gate)
        {
            return _errors.GetValueOrDefault(deployment);
        }
    }

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
