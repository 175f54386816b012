using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>
/// How an instance's readiness is probed: the spec's <c>readiness_probe</c> when it sets one (initial delay,
/// period, timeout, failure and success thresholds), else a fast probe bounded by the host's readiness timeout.
/// </summary>
internal sealed record ReadinessPolicy(TimeSpan InitialDelay, TimeSpan Period, TimeSpan Timeout, int? FailureThreshold, int SuccessThreshold)
{
    public static ReadinessPolicy From(ProbeSettings? probe, LocalEndpointHostOptions options) => new(
        probe?.InitialDelay ?? TimeSpan.Zero,
        probe?.Period ?? options.ReadinessProbeInterval,
        probe?.Timeout ?? TimeSpan.FromSeconds(2),
        probe?.FailureThreshold,
        Math.Max(1, probe?.SuccessThreshold ?? 1));
}
