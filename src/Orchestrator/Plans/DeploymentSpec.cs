namespace Orchestrator.Plans;

/// <summary>
/// A deployment's spec in the vocabulary of an <c>az ml online-deployment</c> YAML (model, code_configuration,
/// environment, instance_type, instance_count, request_settings, probes), plus what only the local host uses.
/// </summary>
/// <param name="Model">An Azure ML model reference (<c>azureml:name:version</c>) or, for local deployments, a model file path.</param>
/// <param name="CodeConfiguration">Scoring code folder and script.</param>
/// <param name="Environment">An Azure ML environment reference or image.</param>
/// <param name="InstanceType">VM SKU, e.g. <c>Standard_DS3_v2</c>.</param>
/// <param name="InstanceCount">Instances (local: processes).</param>
/// <param name="RequestSettings">Timeouts and concurrency.</param>
/// <param name="LivenessProbe">Liveness probe settings.</param>
/// <param name="ReadinessProbe">Readiness probe settings.</param>
/// <param name="EnvironmentVariables">Extra environment variables for the scoring process.</param>
/// <param name="Faults">Local only: injected faults for demos and tests.</param>
public sealed record DeploymentSpec(
    string? Model,
    CodeConfiguration? CodeConfiguration,
    string? Environment,
    string? InstanceType,
    int InstanceCount,
    RequestSettings? RequestSettings,
    ProbeSettings? LivenessProbe,
    ProbeSettings? ReadinessProbe,
    IReadOnlyDictionary<string, string>? EnvironmentVariables,
    FaultInjection? Faults)
{
    /// <summary>A spec with only a model and an instance count.</summary>
    public static DeploymentSpec ForModel(string model, int instanceCount = 1) =>
        new(model, null, null, null, instanceCount, null, null, null, null, null);
}

/// <summary><c>code_configuration</c>: the scoring code.</summary>
public sealed record CodeConfiguration(string Code, string ScoringScript);

/// <summary><c>request_settings</c>.</summary>
public sealed record RequestSettings(TimeSpan? RequestTimeout, int? MaxConcurrentRequestsPerInstance, TimeSpan? MaxQueueWait);

/// <summary><c>liveness_probe</c> / <c>readiness_probe</c>.</summary>
public sealed record ProbeSettings(TimeSpan? InitialDelay, TimeSpan? Period, TimeSpan? Timeout, int? FailureThreshold, int? SuccessThreshold);

/// <summary>Faults a local deployment injects, so that a rollback can be shown and tested.</summary>
/// <param name="Latency">Added latency per request.</param>
/// <param name="ErrorRate">Fraction (0..1) of requests answered with HTTP 500.</param>
/// <param name="CrashAfterRequests">The process exits after serving this many requests.</param>
/// <param name="FailStart">The process never passes its readiness probe.</param>
public sealed record FaultInjection(LatencyFault? Latency, double ErrorRate, int? CrashAfterRequests, bool FailStart)
{
    /// <summary>No faults.</summary>
    public static FaultInjection None { get; } = new(null, 0, null, false);
}

/// <summary>Added latency: <paramref name="Mean"/> plus normally distributed jitter of <paramref name="StdDev"/>, never below zero.</summary>
public sealed record LatencyFault(TimeSpan Mean, TimeSpan StdDev);
