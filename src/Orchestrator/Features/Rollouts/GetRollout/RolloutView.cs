using System.Diagnostics.CodeAnalysis;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.ListRollouts;

namespace Orchestrator.Features.Rollouts.GetRollout;

/// <summary>One rollout in full: its summary, the plan's steps, the bake, desired and actual traffic, and the last gate verdicts.</summary>
public sealed record RolloutView : RolloutSummary
{
    /// <summary>Creates an empty view (for deserializing clients).</summary>
    public RolloutView()
    {
    }

    /// <summary>Extends a summary.</summary>
    [SetsRequiredMembers]
    public RolloutView(RolloutSummary summary)
        : base(summary)
    {
    }

    /// <summary>The plan's steps.</summary>
    public IReadOnlyList<StepView> Steps { get; init; } = [];

    /// <summary>The current step's bake time, when it bakes.</summary>
    public TimeSpan? BakeTime { get; init; }

    /// <summary>How much of the current bake is left (zero once a human promoted it), when it bakes.</summary>
    public TimeSpan? BakeRemaining { get; init; }

    /// <summary>The traffic the current step asks for (the rollback split while rolling back).</summary>
    public TrafficView DesiredTraffic { get; init; } = TrafficView.From(Endpoints.TrafficSplit.Empty);

    /// <summary>The traffic the target reports now, or why it could not be read.</summary>
    public ActualTrafficView ActualTraffic { get; init; } = ActualTrafficView.Unknown("not read");

    /// <summary>The latest gate-check round, or null when gates have not run.</summary>
    public GateRoundView? LastGateRound { get; init; }

    /// <summary>The actions the state table permits now (<c>pause</c>, <c>resume</c>, <c>abort</c>, <c>promote</c>, <c>approve</c>, <c>retry</c>).</summary>
    public IReadOnlyList<string> PermittedActions { get; init; } = [];
}
