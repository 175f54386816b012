using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>
/// The embedded local endpoint host: owns every local endpoint (a loopback listener each) and their deployment
/// processes. Endpoint definitions, keys, traffic, specs and faults are saved to <c>local-endpoints.json</c> in the
/// data directory after every change; on start the host restores them and restarts the processes, so a service
/// killed with kill -9 and restarted finds its endpoints as they were. On stop, every process is stopped.
/// </summary>
public sealed class LocalEndpointHost : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LocalEndpoint> _endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _create = new(1, 1);
    private readonly SemaphoreSlim _save = new(1, 1);
    private readonly LocalHostContext _context;
    private readonly LocalEndpointStore _store;
    private readonly ILogger _logger;

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
        var records = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(records.Select(record => RestoreAsync(record, cancellationToken))).ConfigureAwait(false);
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

            var endpoint = new LocalEndpoint(_context, name, compute, EndpointKeys.Generate(), SaveAsync);
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
        var endpoint = new LocalEndpoint(_context, record.Name, record.Compute, new EndpointKeys(record.PrimaryKey, record.SecondaryKey), SaveAsync);
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

    /// <summary>Saves every endpoint; one save at a time, each a whole consistent file.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _save.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_running)
            {
                return;
            }

            var records = _endpoints.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(e => e.ToRecord()).ToList();
            await _store.SaveAsync(records, cancellationToken).ConfigureAwait(false);
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
}
