using Orchestrator.Endpoints;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Tests.Common.Crashes;

/// <summary>One side-effecting call that took effect, as the <see cref="SideEffectJournal"/> saw it.</summary>
/// <param name="Sequence">Its place in the journal, across every host of a run.</param>
/// <param name="At">The clock when it took effect.</param>
/// <param name="Kind">What it was.</param>
/// <param name="Subject">A short description (deployment, split or phase) for failure reports.</param>
public sealed record SideEffect(int Sequence, DateTimeOffset At, SideEffectKind Kind, string Subject)
{
    /// <summary>The deployment a put, scale, delete or invoke addressed.</summary>
    public string? Deployment { get; init; }

    /// <summary>A put's spec, as JSON (records holding dictionaries do not compare by value).</summary>
    public string? SpecJson { get; init; }

    /// <summary>Whether the deployment existed before a put or a delete.</summary>
    public bool Existed { get; init; }

    /// <summary>The split a traffic update set.</summary>
    public TrafficSplit? Traffic { get; init; }

    /// <summary>The deployments whose provisioning had succeeded when a traffic update was applied.</summary>
    public IReadOnlyList<string> Provisioned { get; init; } = [];

    /// <summary>The phase a store write saved.</summary>
    public RolloutPhase? Phase { get; init; }

    /// <summary>The verdict of a stored gate round.</summary>
    public GateVerdict? Verdict { get; init; }
}
