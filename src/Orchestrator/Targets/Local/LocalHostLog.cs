namespace Orchestrator.Targets.Local;

/// <summary>The local endpoint host's log messages. Event ids 3000-3099 (3100-3199 are the ScoringServer's).</summary>
internal static partial class LocalHostLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Local endpoint {Endpoint} listening on {ScoringUri}")]
    public static partial void EndpointStarted(ILogger logger, string endpoint, Uri scoringUri);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Restored {Count} local endpoints from {Path}")]
    public static partial void EndpointsRestored(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Local endpoint {Endpoint}: port {Port} is taken; it now listens on {ScoringUri}")]
    public static partial void EndpointPortMoved(ILogger logger, string endpoint, int port, Uri scoringUri);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Stopped {Count} local endpoints and their processes")]
    public static partial void EndpointsStopped(ILogger logger, int count);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Deployment {Endpoint}/{Deployment} ready with {Instances} instances")]
    public static partial void DeploymentReady(ILogger logger, string endpoint, string deployment, int instances);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Deployment {Endpoint}/{Deployment} failed: {Reason}")]
    public static partial void DeploymentFailed(ILogger logger, string endpoint, string deployment, string reason);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Deployment {Endpoint}/{Deployment} deleted")]
    public static partial void DeploymentDeleted(ILogger logger, string endpoint, string deployment);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Endpoint {Endpoint} traffic is now {Split}")]
    public static partial void TrafficChanged(ILogger logger, string endpoint, Endpoints.TrafficSplit split);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "Deployment {Endpoint}/{Deployment} faults are now {Faults}")]
    public static partial void FaultsChanged(ILogger logger, string endpoint, string deployment, Plans.FaultInjection faults);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Instance {Instance} (process {ProcessId}) exited with code {ExitCode}; restarting it")]
    public static partial void InstanceExited(ILogger logger, string instance, int processId, int exitCode);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Restart of instance {Instance} failed: {Reason}")]
    public static partial void InstanceRestartFailed(ILogger logger, string instance, string reason);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "Instance {Instance} (process {ProcessId}) did not exit in time and was killed")]
    public static partial void InstanceKilled(ILogger logger, string instance, int processId);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning, Message = "Endpoint {Endpoint}: mirror queue full, dropped a copy for {Deployment} ({Dropped} dropped so far)")]
    public static partial void MirrorDropped(ILogger logger, string endpoint, string deployment, long dropped);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Debug, Message = "Endpoint {Endpoint}: mirrored request to {Deployment} failed")]
    public static partial void MirrorFailed(ILogger logger, Exception exception, string endpoint, string deployment);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Error, Message = "Could not save local endpoints to {Path}")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 3041, Level = LogLevel.Information, Message = "Endpoint {Endpoint}: {Key} key regenerated")]
    public static partial void KeyRegenerated(ILogger logger, string endpoint, EndpointKeyKind key);
}
