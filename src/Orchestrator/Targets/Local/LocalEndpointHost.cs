using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>
/// The embedded local endpoint host: owns every local endpoint (a loopback listener each) and their deployment
/// processes. Endpoint definitions, keys, traffic, specs and faults are saved to <c>local-endpoints.json</c> in the
/// data directory after every change; on start the host restores them and restarts the processes, so a service
/// killed with kill -9 and restarted finds its endpoints as they were. On stop, every process is stopped.
/// </summary>
/// <remarks>
/// A traffic update, the one a rollback waits on, is acknowledged once it is applied in memory and written to the
/// <see cref="LocalEndpointJournal"/> (one write to the page cache, no fsync: it survives kill -9, not a power loss);
/// the durable file follows in the background: coalesced (each save writes the state as it is when it starts,
/// so the last change wins and an older state never lands over a newer one), one at a time, and once more on
/// stop. Every other change (endpoints, deployments, faults, keys) still waits for the durable file.
/// </remarks>
public sealed class LocalEndpointHost : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LocalEndpoint> _endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _create = new(1, 1);
    private readonly SemaphoreSlim _save = new(1, 1);
    private readonly LocalHostContext _context;
    private readonly LocalEndpointStore _store;
    private readonly ILogger _logger;

    // Held while a state is numbered and captured, and while the journal is written, so sequence order is state order.
    private readonly Lock _snapshot = new();
    private long _sequence;
    private Channel<bool> _dirty = Channel.CreateBounded<bool>(1);
    private Task _writeBehind = Task.CompletedTask;

    // Saving before the restore finished, or after stop, would write a partial list over the stored endpoints.
    private volatile bool _running;

    /// <summary>Creates the host; nothing runs until <see cref="StartAsync"/>.</summary>
    public LocalEndpointHost(IOptions<LocalEndpointHostOptions> options, TimeProvider clock, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _context = new LocalHostContext(options.Value, clock, loggerFactory);
        _store = new LocalEndpointStore(options.Value.DataDirectory);
        _logger = loggerFactory.CreateLogger<LocalEndpointHost>();
    }

    /// <summary>The file endpoints are saved to.</summary>
    public string StorePath => _store.Path;

    /// <summary>An HTTP client for calling the endpoints' data planes (invocations through the real listener).</summary>
    internal HttpClient Client => _context.Control;

    /// <summary>Every endpoint the host runs.</summary>
    public IReadOnlyCollection<LocalEndpoint> Endpoints => [.. _endpoints.Values];

    /// <summary>Restores the stored endpoints: listeners on their ports (another if taken) and their deployments' processes.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
        var records = stored.Endpoints;
        await Task.WhenAll(records.Select(record => RestoreAsync(record, cancellationToken))).ConfigureAwait(false);
        _sequence = stored.Sequence;
        _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        var dirty = _dirty.Reader;
        _writeBehind = Task.Run(() => WriteBehindAsync(dirty), CancellationToken.None);
        _running = true;
        if (records.Count > 0)
        {
            LocalHostLog.EndpointsRestored(_logger, records.Count, _store.Path);
            await SaveAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Stops every listener and process; the store keeps the endpoints for the next start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The last background save runs while the host still counts as running, so the file holds the final split.
        _dirty.Writer.TryComplete();
        await _writeBehind.ConfigureAwait(false);
        _running = false;
        var endpoints = _endpoints.Values.ToList();
        _endpoints.Clear();
        await Task.WhenAll(endpoints.Select(e => e.DisposeAsync().AsTask())).ConfigureAwait(false);
        LocalHostLog.EndpointsStopped(_logger, endpoints.Count);
    }

    /// <summary>The named endpoint (case-insensitive), or null.</summary>
    public LocalEndpoint? GetEndpoint(string name) => _endpoints.GetValueOrDefault(name);

    /// <summary>The named endpoint, created with fresh keys and no deployments when it does not exist.</summary>
    /// <exception cref="ArgumentException">The name is not one Azure ML would accept.</exception>
    public async Task<LocalEndpoint> EnsureEndpointAsync(string name, EndpointCompute compute = EndpointCompute.Managed, CancellationToken cancellationToken = default)
    {
        if (!LocalDeploymentSpecValidator.IsValidName(name))
        {
            throw new ArgumentException($"endpoint name '{name}' must start with a letter or digit and hold only letters, digits, '-' and '_' (at most 255)", nameof(name));
        }

        if (GetEndpoint(name) is { } existing)
        {
            return existing;
        }

        if (!_running)
        {
            throw new InvalidOperationException("the local endpoint host is not running (start it first; its stored endpoints are restored then)");
        }

        await _create.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (GetEndpoint(name) is { } raced)
            {
                return raced;
            }

            var endpoint = new LocalEndpoint(_context, name, compute, EndpointKeys.Generate(), SaveAsync, Journal);
            await endpoint.StartListenerAsync(FreePorts(), cancellationToken).ConfigureAwait(false);
            _endpoints[name] = endpoint;
            await SaveAsync(CancellationToken.None).ConfigureAwait(false);
            return endpoint;
        }
        finally
        {
            _create.Release();
        }
    }

    /// <summary>Changes a deployment's injected faults at run time (demos and tests start a fault mid-rollout).</summary>
    public Task SetFaultsAsync(string endpoint, string deployment, FaultInjection faults, CancellationToken cancellationToken = default) =>
        (GetEndpoint(endpoint) ?? throw new InvalidOperationException($"local endpoint '{endpoint}' does not exist"))
            .SetFaultsAsync(deployment, faults, cancellationToken);

    /// <summary>Stops everything (as <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _context.Dispose();
    }

    private async Task RestoreAsync(EndpointRecord record, CancellationToken cancellationToken)
    {
        var endpoint = new LocalEndpoint(_context, record.Name, record.Compute, new EndpointKeys(record.PrimaryKey, record.SecondaryKey), SaveAsync, Journal);
        await endpoint.StartListenerAsync(FreePorts().Prepend(record.Port).Distinct(), cancellationToken).ConfigureAwait(false);
        if (endpoint.Port != record.Port)
        {
            LocalHostLog.EndpointPortMoved(_logger, record.Name, record.Port, endpoint.ScoringUri);
        }

        _endpoints[record.Name] = endpoint;
        await endpoint.RestoreAsync(record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ports for a new listener: any free one, or the configured range minus the ports our endpoints hold.</summary>
    private IEnumerable<int> FreePorts()
    {
        var options = _context.Options;
        if (options.FirstPort == 0)
        {
            return [0];
        }

        var taken = _endpoints.Values.Select(e => e.Port).ToHashSet();
        return Enumerable.Range(options.FirstPort, options.LastPort - options.FirstPort + 1).Where(p => !taken.Contains(p));
    }

    /// <summary>Saves every endpoint durably; one save at a time, each a whole consistent file.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _save.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_running)
            {
                return;
            }

            LocalHostRecord record;
            lock (_snapshot)
            {
                record = Snapshot();
            }

            await _store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LocalHostLog.StoreFailed(_logger, ex, _store.Path);
            throw;
        }
        finally
        {
            _save.Release();
        }
    }

    /// <summary>Journals every endpoint (survives kill -9 at once) and queues the durable save.</summary>
    private void Journal()
    {
        if (!_running)
        {
            return;
        }

        try
        {
            lock (_snapshot)
            {
                _store.Journal.Write(Snapshot());
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LocalHostLog.StoreFailed(_logger, ex, _store.Journal.Paths[0]);
            throw;
        }

        // Full means a save is queued that has not captured the state yet: it will include this change.
        _dirty.Writer.TryWrite(true);
    }

    /// <summary>The background saver: one durable save per signal, until the host stops.</summary>
    private async Task WriteBehindAsync(ChannelReader<bool> dirty)
    {
        await foreach (var _ in dirty.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await SaveAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Logged by SaveAsync; the journal still holds the state, and the next change or the stop saves again.
            }
        }
    }

    /// <summary>Every endpoint as stored, numbered after every state captured before; call it holding <see cref="_snapshot"/>.</summary>
    private LocalHostRecord Snapshot() =>
        new(
            LocalHostRecord.CurrentVersion,
            [.. _endpoints.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(e => e.ToRecord())],
            ++_sequence);
}
