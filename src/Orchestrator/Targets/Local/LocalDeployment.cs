using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>
/// One deployment of a local endpoint: its spec, its faults in force, its provisioning state and its instances
/// (one ScoringServer process each, load-balanced round robin). An update starts a whole new generation of
/// instances and swaps it in only when every one is ready, so a failed update leaves the old ones serving.
/// </summary>
internal sealed class LocalDeployment : IAsyncDisposable
{
    private readonly LocalHostContext _context;
    private readonly string _endpoint;
    private readonly Dictionary<int, LogTail> _logs = [];
    private ImmutableArray<ScoringInstance> _instances = [];
    private DeploymentSpec _spec;
    private FaultInjection _faults;
    private volatile ProvisioningState _provisioning;
    private string? _error;
    private int _roundRobin;
    private volatile bool _disposed;

    public LocalDeployment(LocalHostContext context, string endpoint, string name, DeploymentSpec spec, FaultInjection faults, ProvisioningState provisioning, string? error = null)
    {
        _context = context;
        _endpoint = endpoint;
        Name = name;
        _spec = spec;
        _faults = faults;
        _provisioning = provisioning;
        _error = error;
    }

    public string Name { get; }

    /// <summary>Serializes put, scale and delete of this deployment.</summary>
    public SemaphoreSlim Operation { get; } = new(1, 1);

    public DeploymentSpec Spec => Volatile.Read(ref _spec);

    /// <summary>The faults in force: the spec's, or what <see cref="SetFaultsAsync"/> set since.</summary>
    public FaultInjection Faults => Volatile.Read(ref _faults);

    public ProvisioningState Provisioning => _provisioning;

    public string? Error => Volatile.Read(ref _error);

    public DeploymentStatus Status => new(Name, Provisioning, Spec.InstanceCount, Error);

    // A one-reference struct: reading it is atomic, and every change swaps it whole.
    public ImmutableArray<ScoringInstance> Instances => _instances;

    /// <summary>How long an instance may take to answer (the spec's request_timeout, else the host's default).</summary>
    public TimeSpan RequestTimeout => Spec.RequestSettings?.RequestTimeout ?? _context.Options.DefaultRequestTimeout;

    /// <summary>Marks an operation in progress (Creating or Updating).</summary>
    public void MarkInProgress(ProvisioningState state)
    {
        _provisioning = state;
        Volatile.Write(ref _error, null);
    }

    /// <summary>Starts <paramref name="spec"/>'s instances with its faults and swaps them in once all are ready.</summary>
    /// <exception cref="DeploymentFailedException">An instance did not get ready; the state is Failed and the old instances keep serving.</exception>
    /// <param name="spec">The spec to run.</param>
    /// <param name="faults">The faults to start with; default: the spec's.</param>
    /// <param name="cancellationToken">Stops waiting (and the new instances).</param>
    public async Task ProvisionAsync(DeploymentSpec spec, FaultInjection? faults = null, CancellationToken cancellationToken = default)
    {
        var previousFaults = Faults;
        Volatile.Write(ref _spec, spec);
        Volatile.Write(ref _faults, faults ?? spec.Faults ?? FaultInjection.None);
        try
        {
            var generation = await StartInstancesAsync(spec, 0, spec.InstanceCount, cancellationToken).ConfigureAwait(false);
            if (_disposed)
            {
                // Deleted (or the host stopped) while these were starting: they must not outlive it.
                await Task.WhenAll(generation.Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
                throw new DeploymentFailedException($"deployment '{Name}' was deleted while it was starting");
            }

            var old = ImmutableInterlocked.InterlockedExchange(ref _instances, generation);
            await Task.WhenAll(old.Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
            Succeed();
        }
        catch (DeploymentFailedException ex)
        {
            Volatile.Write(ref _faults, previousFaults);
            Fail(ex.Message);
            throw;
        }
    }

    /// <summary>Adds or removes instances (the highest slots go first).</summary>
    /// <exception cref="DeploymentFailedException">An added instance did not get ready; none was added.</exception>
    public async Task ScaleAsync(int instanceCount, CancellationToken cancellationToken = default)
    {
        var current = Instances;
        var spec = Spec with { InstanceCount = instanceCount };
        try
        {
            if (instanceCount > current.Length)
            {
                var added = await StartInstancesAsync(spec, current.Length, instanceCount - current.Length, cancellationToken).ConfigureAwait(false);
                if (_disposed)
                {
                    await Task.WhenAll(added.Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
                    throw new DeploymentFailedException($"deployment '{Name}' was deleted while it was scaling");
                }

                ImmutableInterlocked.InterlockedExchange(ref _instances, current.AddRange(added));
            }
            else if (instanceCount < current.Length)
            {
                ImmutableInterlocked.InterlockedExchange(ref _instances, current[..instanceCount]);
                await Task.WhenAll(current[instanceCount..].Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
            }

            Volatile.Write(ref _spec, spec);
            Succeed();
        }
        catch (DeploymentFailedException ex)
        {
            Fail(ex.Message);
            throw;
        }
    }

    /// <summary>Changes the faults in force now (running instances at once, restarts later) until the next put.</summary>
    public async Task SetFaultsAsync(FaultInjection faults, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _faults, faults);
        await Task.WhenAll(Instances.Select(i => i.ApplyFaultsAsync(cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>The next ready instance's address, round robin, skipping <paramref name="failed"/>; null when none is left.</summary>
    public Uri? NextReadyInstance(IReadOnlyCollection<Uri>? failed = null)
    {
        var instances = Instances;
        var start = (uint)Interlocked.Increment(ref _roundRobin);
        for (var i = 0; i < instances.Length; i++)
        {
            if (instances[(int)((start + (uint)i) % (uint)instances.Length)].ReadyUri is { } uri && failed?.Contains(uri) != true)
            {
                return uri;
            }
        }

        return null;
    }

    /// <summary>The tail of every instance's output, one section per instance.</summary>
    public string Logs(int lines)
    {
        var text = new StringBuilder();
        lock (_logs)
        {
            foreach (var (slot, log) in _logs.OrderBy(l => l.Key))
            {
                var instance = Instances.FirstOrDefault(i => ReferenceEquals(i.Log, log));
                var process = instance?.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "none";
                text.Append(CultureInfo.InvariantCulture, $"===== {_endpoint}/{Name}/{slot} (process {process}, restarts {instance?.Restarts ?? 0}) =====\n");
                foreach (var line in log.Last(lines))
                {
                    text.Append(line).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        var instances = ImmutableInterlocked.InterlockedExchange(ref _instances, []);
        await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private async Task<ImmutableArray<ScoringInstance>> StartInstancesAsync(DeploymentSpec spec, int firstSlot, int count, CancellationToken cancellationToken)
    {
        var instances = Enumerable.Range(firstSlot, count)
            .Select(slot => new ScoringInstance(_context, $"{_endpoint}/{Name}/{slot}", LogOf(slot), () => new InstanceLaunch(spec, Faults)))
            .ToImmutableArray();
        var starts = instances.Select(i => i.StartAsync(cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
            return instances;
        }
        catch
        {
            await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
            var reasons = starts.Where(s => s.IsFaulted).Select(s => s.Exception!.InnerException).OfType<DeploymentFailedException>().Select(e => e.Message).ToList();
            if (reasons.Count == 0)
            {
                throw;
            }

            throw new DeploymentFailedException(string.Join("; ", reasons));
        }
    }

    private LogTail LogOf(int slot)
    {
        lock (_logs)
        {
            if (!_logs.TryGetValue(slot, out var log))
            {
                log = new LogTail(_context.Options.LogLinesPerInstance);
                _logs[slot] = log;
            }

            return log;
        }
    }

    private void Succeed()
    {
        Volatile.Write(ref _error, null);
        _provisioning = ProvisioningState.Succeeded;
    }

    private void Fail(string reason)
    {
        Volatile.Write(ref _error, reason);
        _provisioning = ProvisioningState.Failed;
    }
}
