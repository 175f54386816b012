using System.Diagnostics.CodeAnalysis;
using Orchestrator.Plans;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.ListRollouts;

/// <summary>A rollout at a glance: where it is and who started it (the list's rows and the answer of every action).</summary>
public record RolloutSummary
{
    /// <summary>Creates an empty summary; use <see cref="From"/>.</summary>
    public RolloutSummary()
    {
    }

    /// <summary>Copies a summary (for views that extend it).</summary>
    [SetsRequiredMembers]
    protected RolloutSummary(RolloutSummary original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Id = original.Id;
        Endpoint = original.Endpoint;
        EndpointKey = original.EndpointKey;
        Target = original.Target;
        Baseline = original.Baseline;
        Candidate = original.Candidate;
        State = original.State;
        PausedFrom = original.PausedFrom;
        QueuedBehind = original.QueuedBehind;
        StepIndex = original.StepIndex;
        StepCount = original.StepCount;
        StepKind = original.StepKind;
        StepStartedAt = original.StepStartedAt;
        Attempt = original.Attempt;
        RollbackReason = original.RollbackReason;
        FailureReason = original.FailureReason;
        SubmittedBy = original.SubmittedBy;
        CreatedAt = original.CreatedAt;
        UpdatedAt = original.UpdatedAt;
        Version = original.Version;
    }

    /// <summary>The rollout's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The endpoint's name.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The endpoint across targets (<c>local/{endpoint}</c>, <c>azureml/...</c>).</summary>
    public required string EndpointKey { get; init; }

    /// <summary>The platform.</summary>
    public required TargetKind Target { get; init; }

    /// <summary>The baseline deployment ("blue").</summary>
    public required string Baseline { get; init; }

    /// <summary>The candidate deployment ("green").</summary>
    public required string Candidate { get; init; }

    /// <summary>The current state.</summary>
    public required RolloutPhase State { get; init; }

    /// <summary>While paused: the state Resume returns to.</summary>
    public RolloutPhase? PausedFrom { get; init; }

    /// <summary>While queued: the rollout directly ahead of it when it was submitted (the endpoint's active rollout, or the last one queued).</summary>
    public Guid? QueuedBehind { get; init; }

    /// <summary>The current step (0-based); -1 while Pending or Queued.</summary>
    public required int StepIndex { get; init; }

    /// <summary>How many steps the plan has.</summary>
    public required int StepCount { get; init; }

    /// <summary>The current step's kind (<c>deploy</c>, <c>mirror</c>, <c>traffic</c>, ...), or null while Pending or after the last step.</summary>
    public string? StepKind { get; init; }

    /// <summary>When the current step started.</summary>
    public required DateTimeOffset StepStartedAt { get; init; }

    /// <summary>How many times the rollout was retried.</summary>
    public required int Attempt { get; init; }

    /// <summary>Why it rolled back, when it did.</summary>
    public string? RollbackReason { get; init; }

    /// <summary>Why the rollback failed, when it did.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Who submitted it.</summary>
    public required string SubmittedBy { get; init; }

    /// <summary>When it was submitted.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The stored version (optimistic concurrency).</summary>
    public required long Version { get; init; }

    /// <summary>The summary of a stored rollout.</summary>
    public static RolloutSummary From(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return new RolloutSummary
        {
            Id = rollout.Id,
            Endpoint = rollout.Plan.Target.Endpoint,
            EndpointKey = rollout.EndpointKey,
            Target = rollout.Plan.Target.Kind,
            Baseline = rollout.Plan.Baseline.Name,
            Candidate = rollout.Plan.Candidate.Name,
            State = rollout.Phase,
            PausedFrom = rollout.PausedFrom,
            QueuedBehind = rollout.QueuedBehind,
            StepIndex = rollout.StepIndex,
            StepCount = rollout.Plan.Steps.Count,
            StepKind = rollout.CurrentStep?.KindName,
            StepStartedAt = rollout.StepStartedAt,
            Attempt = rollout.Attempt,
            RollbackReason = rollout.RollbackReason,
            FailureReason = rollout.FailureReason,
            SubmittedBy = rollout.SubmittedBy,
            CreatedAt = rollout.CreatedAt,
            UpdatedAt = rollout.UpdatedAt,
            Version = rollout.Version,
        };
    }
}
