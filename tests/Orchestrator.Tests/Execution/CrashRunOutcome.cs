using Orchestrator.Endpoints;
using Orchestrator.Rollouts;
using Policies.Gates;
using Tests.Common.Crashes;

namespace Orchestrator.Execution.Tests;

/// <summary>What one run of a <see cref="CrashScenario"/> left behind, crashed or not.</summary>
/// <param name="Calls">Side-effecting calls the first host made (in an uncrashed run: all of them; the crash points).</param>
/// <param name="CrashedAt">Where the crash struck, or null when the run was not crashed.</param>
/// <param name="Swallowed">The product caught the crash and returned normally from the tick or check it struck in.</param>
/// <param name="Rollout">The rollout at the end.</param>
/// <param name="Audit">Its audit log.</param>
/// <param name="GateRounds">Its stored gate rounds, every step.</param>
/// <param name="Traffic">The endpoint's split at the end.</param>
/// <param name="TrafficHistory">Every split the endpoint was given, before and after the crash.</param>
/// <param name="Deployments">The endpoint's deployments at the end.</param>
/// <param name="Journal">Every side-effecting call that took effect, before and after the crash.</param>
public sealed record CrashRunOutcome(
    int Calls,
    string? CrashedAt,
    bool Swallowed,
    Rollout Rollout,
    IReadOnlyList<AuditEvent> Audit,
    IReadOnlyList<GateRound> GateRounds,
    TrafficSplit Traffic,
    IReadOnlyList<TrafficSplit> TrafficHistory,
    IReadOnlyList<string> Deployments,
    IReadOnlyList<SideEffect> Journal);
