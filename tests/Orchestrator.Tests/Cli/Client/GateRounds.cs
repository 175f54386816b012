using Policies.Gates;

namespace Orchestrator.Cli.Client.Tests;

/// <summary>Gate rounds for the client's tests: one p99 gate against 500 ms over 80 samples.</summary>
internal static class GateRounds
{
    public static GateRound P99(DateTimeOffset at, GateVerdict verdict, double observed) => new(
        at,
        [new GateEvaluation("p99-absolute", GateMetric.LatencyP99Ms, verdict, observed, null, 500, 80, at.AddMinutes(-2), at, "p99")]);
}
