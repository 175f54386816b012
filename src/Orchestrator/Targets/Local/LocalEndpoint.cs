using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orchestrator.Endpoints;
using Orchestrator.Metrics.Local;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>
/// One local online endpoint: a Kestrel listener on loopback, two keys, its deployments and the traffic split.
/// Changes to traffic and to the set of deployments are serialized and validated by <see cref="EndpointRules"/>;
/// each is one swap of the routing table, then saved to the host's store: a traffic update to its journal only
/// (the durable file follows in the background), every other change durably before it returns.
/// </summary>
public sealed partial class LocalEndpoint : IAsyncDisposable
{
    private readonly LocalHostContext _context;
    private readonly Func<CancellationToken, Task> _persist;
    private readonly Action _journal;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly InstanceForwarder _forwarder;
    private readonly MirrorQueue _mirror;
    private readonly ILogger _logger;
    private RoutingTable _routing = RoutingTable.Empty;
    private EndpointKeys _keys;
    private WebApplication? _listener;

    internal LocalEndpoint(LocalHostContext context, string name, EndpointCompute compute, EndpointKeys keys, Func<CancellationToken, Task> persist, Action journal)
    {
        _context = context;
        _persist = persist;
        _journal = journal;
        _keys = keys;
        _logger = context.LoggerFactory.CreateLogger<LocalEndpoint>();
        _forwarder = new InstanceForwarder(context);
        Name = name;
        Compute = compute;
        Measurements = new RequestMeasurements(context.Clock, context.Options.MetricsRetention);
        _mirror = new MirrorQueue(context, name, _forwarder, Measurements);
    }

    /// <summary>The endpoint's name.</summary>
    public string Name { get; }

    /// <summary>Managed or Kubernetes (Kubernetes endpoints refuse mirroring).</summary>
    public EndpointCompute Compute { get; }

    /// <summary>The port the listener bound.</summary>
    public int Port { get; private set; }

    /// <summary>Where clients score: <c>http://127.0.0.1:{port}/score</c>.</summary>
    public Uri ScoringUri { get; private set; } = new("http://127.0.0.1/score");

    /// <summary>The endpoint's keys (Azure ML's <c>listKeys</c>).</summary>
    public EndpointKeys Keys => Volatile.Read(ref _keys);

    /// <summary>Requests by deployment, traffic kind, status and latency.</summary>
    public RequestMeasurements Measurements { get; }

    /// <summary>Mirrored copies dropped because the mirror queue was full.</summary>
    public long MirrorDropped => _mirror.Dropped;

    internal RoutingTable Routing => Volatile.Read(ref _routing);

    /// <summary>The endpoint as a target reports it.</summary>
    public EndpointState GetState()
    {
        var routing = Routing;
        var deployments = routing.Deployments.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Select(d => d.Status).ToList();
        return new EndpointState(Name, Compute, ProvisioningState.Succeeded, routing.Split, deployments, ScoringUri);
    }

    /// <summary>
    /// Sets live traffic and mirror in one atomic update. Returns once requests are routed by the new split and it is
    /// journaled (it survives a restart of the host, even kill -9); the durable file is written in the background.
    /// </summary>
    /// <exception cref="EndpointRuleViolationException">The split breaks an endpoint rule; nothing changed.</exception>
    public async Task SetTrafficAsync(TrafficSplit split, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var routing = Routing;
            var violations = EndpointRules.CheckTraffic(split, Compute, [.. routing.Deployments.Select(d => d.Status)]);
            if (violations.Count > 0)
            {
                throw new EndpointRuleViolationException(violations);
            }

            if (!routing.Split.Equals(split))
            {
                // The rollback waits on this update: an fsync here was most of its latency (docs/benchmarks.md).
                if (_context.Options.DurableTrafficUpdates)
                {
                    await SwapAsync(routing, routing.With(split)).ConfigureAwait(false);
                }
                else
                {
                    Swap(routing, routing.With(split));
                }

                LocalHostLog.TrafficChanged(_logger, Name, split);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Replaces one key with a fresh one and returns both.</summary>
    public async Task<EndpointKeys> RegenerateKeyAsync(EndpointKeyKind kind, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = Keys;
            Volatile.Write(ref _keys, previous.Regenerate(kind));
            try
            {
                await _persist(CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                Volatile.Write(ref _keys, previous);
                throw;
            }

            LocalHostLog.KeyRegenerated(_logger, Name, kind);
            return Keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the endpoint's measurements and instance gauges in Prometheus text format.</summary>
    public void WritePrometheus(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Measurements.WritePrometheus(writer, Name);
        var endpoint = RequestMeasurements.Escape(Name);
        writer.Write("# HELP local_endpoint_mirror_dropped_total Mirrored copies dropped because the mirror queue was full.\n# TYPE local_endpoint_mirror_dropped_total counter\n");
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"local_endpoint_mirror_dropped_total{{endpoint=\"{endpoint}\"}} {MirrorDropped}\n"));
        writer.Write("# HELP local_endpoint_ready_instances Instances of a deployment ready to score.\n# TYPE local_endpoint_ready_instances gauge\n");
        var deployments = Routing.Deployments.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        foreach (var deployment in deployments)
        {
            var ready = deployment.Instances.Count(i => i.ReadyUri is not null);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"local_endpoint_ready_instances{{endpoint=\"{endpoint}\",deployment=\"{RequestMeasurements.Escape(deployment.Name)}\"}} {ready}\n"));
        }

        writer.Write("# HELP local_endpoint_instance_restarts_total Restarts of a deployment's instances after they exited unasked.\n# TYPE local_endpoint_instance_restarts_total counter\n");
        foreach (var deployment in deployments)
        {
            var restarts = deployment.Instances.Sum(i => i.Restarts);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"local_endpoint_instance_restarts_total{{endpoint=\"{endpoint}\",deployment=\"{RequestMeasurements.Escape(deployment.Name)}\"}} {restarts}\n"));
        }
    }

    /// <summary>Stops the listener, the mirror and every deployment process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        await _mirror.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(Routing.Deployments.Select(d => d.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    /// <summary>Starts the listener on the first of <paramref name="ports"/> that is free (0: any).</summary>
    internal async Task StartListenerAsync(IEnumerable<int> ports, CancellationToken cancellationToken = default)
    {
        var dataPlane = new EndpointDataPlane(this, _forwarder, _mirror, _context.Options.MaxRequestBodyBytes);
        var tried = new List<int>();
        foreach (var port in ports)
        {
            tried.Add(port);
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
            {
                o.Listen(_context.BindAddress, port);
                o.AddServerHeader = false;
                o.Limits.MaxRequestBodySize = _context.Options.MaxRequestBodyBytes;
            });
            var app = builder.Build();
            app.Run(dataPlane.HandleAsync);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Taken: try the next port.
                await app.DisposeAsync().ConfigureAwait(false);
                continue;
            }

            _listener = app;
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Port = new Uri(address).Port;
            ScoringUri = new Uri($"http://{new IPEndPoint(_context.BindAddress, Port)}/score");
            LocalHostLog.EndpointStarted(_logger, Name, ScoringUri);
            return;
        }

        throw new InvalidOperationException($"endpoint '{Name}' found no free port among {string.Join(", ", tried)}");
    }

    /// <summary>The endpoint as the store keeps it.</summary>
    internal EndpointRecord ToRecord()
    {
        var routing = Routing;
        var deployments = routing.Deployments.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Select(d => new DeploymentRecord(d.Name, d.Spec, d.Faults, d.Provisioning, d.Error))
            .ToList();
        return new EndpointRecord(Name, Compute, Port, Keys.PrimaryKey, Keys.SecondaryKey, routing.Split.Live, routing.Split.Mirror, deployments);
    }

    /// <summary>Swaps the routing table and saves durably; when saving fails, the old table comes back and the error goes up.</summary>
    private async Task SwapAsync(RoutingTable previous, RoutingTable next)
    {
        Volatile.Write(ref _routing, next);
        try
        {
            await _persist(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            Volatile.Write(ref _routing, previous);
            throw;
        }
    }

    /// <summary>Swaps the routing table and journals it; when journaling fails, the old table comes back and the error goes up.</summary>
    private void Swap(RoutingTable previous, RoutingTable next)
    {
        Volatile.Write(ref _routing, next);
        try
        {
            _journal();
        }
        catch
        {
            Volatile.Write(ref _routing, previous);
            throw;
        }
    }
}
