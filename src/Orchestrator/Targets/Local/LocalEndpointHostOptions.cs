namespace Orchestrator.Targets.Local;

/// <summary>Options of the embedded local endpoint host (section <c>LocalEndpointHost</c>).</summary>
public sealed class LocalEndpointHostOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "LocalEndpointHost";

    /// <summary>Where endpoint definitions and keys are stored (<c>local-endpoints.json</c>); put it beside the database.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// When true, a traffic update returns only after <c>local-endpoints.json</c> is flushed to disk (as every other
    /// change does), instead of once it is journaled; slower by an fsync (docs/local-host.md, "Survives a restart").
    /// </summary>
    public bool DurableTrafficUpdates { get; set; }

    /// <summary>The address every endpoint listener binds; must be a loopback address.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>First port of the range new endpoints take; 0 (with <see cref="LastPort"/> 0) lets the OS pick a free port.</summary>
    public int FirstPort { get; set; }

    /// <summary>Last port of the range new endpoints take (inclusive); 0 with <see cref="FirstPort"/> 0.</summary>
    public int LastPort { get; set; }

    /// <summary>The scoring server to start per instance; default: <c>ScoringServer.dll</c> beside this application.</summary>
    public string? ScoringServerPath { get; set; }

    /// <summary>How long an instance may take to start and pass its readiness probe when the spec sets no probe.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the readiness probe runs when the spec sets no period.</summary>
    public TimeSpan ReadinessProbeInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a stopping instance may take to exit before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait before restarting a crashed instance (restarts back off from 100 ms up to this).</summary>
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a deployment may take to answer a scoring request when its spec sets no <c>request_timeout</c> (Azure ML's default: 5 s).</summary>
    public TimeSpan DefaultRequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest scoring request accepted (Azure ML: 1.5 MB).</summary>
    public int MaxRequestBodyBytes { get; set; } = 1_500_000;

    /// <summary>Mirrored requests waiting to be sent; beyond this, copies are dropped (and counted), never the client delayed.</summary>
    public int MirrorQueueCapacity { get; set; } = 1024;

    /// <summary>Mirrored requests in flight at once per endpoint.</summary>
    public int MirrorConcurrency { get; set; } = 32;

    /// <summary>How long per-second measurements are kept (at least 15 minutes of sliding windows).</summary>
    public TimeSpan MetricsRetention { get; set; } = TimeSpan.FromMinutes(16);

    /// <summary>Output lines kept per instance for <c>GetLogsAsync</c>.</summary>
    public int LogLinesPerInstance { get; set; } = 1000;
}
