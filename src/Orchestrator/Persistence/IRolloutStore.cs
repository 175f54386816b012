using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Persistence;

/// <summary>
/// Rollouts, their gate history, their audit log and the results of identified commands. Every write that changes a
/// rollout appends its audit events in the same transaction, so no change is ever half-recorded.
/// </summary>
public interface IRolloutStore
{
    /// <summary>Creates the schema or migrates it to the current version.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>One rollout, or null.</summary>
    Task<Rollout?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Rollouts matching the filter, newest first.</summary>
    Task<IReadOnlyList<Rollout>> ListAsync(RolloutFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The active (non-terminal) rollouts, for the worker to resume after a restart.</summary>
    Task<IReadOnlyList<Rollout>> ListActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Queued rollouts (of one endpoint key when given), oldest first: the order they leave the queue in.</summary>
    Task<IReadOnlyList<Rollout>> ListQueuedAsync(string? endpointKey = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts a new rollout with its audit events.</summary>
    /// <exception cref="ActiveRolloutConflictException">Another active rollout holds the endpoint.</exception>
    Task InsertAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default);

    /// <summary>Saves a changed rollout when the stored version equals <paramref name="rollout"/>'s version; returns it with the version incremented.</summary>
    /// <exception cref="ConcurrencyConflictException">The stored version moved on; reload and retry.</exception>
    /// <exception cref="ActiveRolloutConflictException">A retry would make a second active rollout on the endpoint.</exception>
    Task<Rollout> UpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends one gate-check round of a step and saves the change it decided (RollingBack), in one transaction:
    /// a rollback decision and its evidence are stored together or not at all. Guarded as <see cref="UpdateAsync"/>.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The stored version moved on; nothing was stored; reload and retry.</exception>
    Task<Rollout> AppendGateRoundAndUpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, int stepIndex, GateRound round, CancellationToken cancellationToken = default);

    /// <summary>Appends audit events that change no rollout (e.g. a refused command).</summary>
    Task AppendAuditAsync(IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default);

    /// <summary>Appends one gate-check round of a step.</summary>
    Task AppendGateRoundAsync(Guid rolloutId, int stepIndex, GateRound round, CancellationToken cancellationToken = default);

    /// <summary>The gate rounds of a rollout (of one step when given), oldest first.</summary>
    Task<IReadOnlyList<GateRound>> GetGateRoundsAsync(Guid rolloutId, int? stepIndex = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rounds of a step that a gate decision depends on, oldest first: from the step's last passing round on, or
    /// every round when none passed. <see cref="Policies.Gates.GateDecider"/> decides the same over them as over the
    /// whole step, and a check reads a few rounds instead of a history that grows by one round per interval.
    /// </summary>
    Task<IReadOnlyList<GateRound>> GetDecidingGateRoundsAsync(Guid rolloutId, int stepIndex, CancellationToken cancellationToken = default) =>
        GetGateRoundsAsync(rolloutId, stepIndex, cancellationToken);

    /// <summary>A rollout's audit log, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> GetAuditAsync(Guid rolloutId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of a rollout's audit log, oldest first: at most <paramref name="limit"/> events whose sequence is greater
    /// than <paramref name="after"/> (0: from the start). Sequences only grow, so a reader that passes the last one it
    /// saw gets every later event exactly once.
    /// </summary>
    Task<IReadOnlyList<SequencedAuditEvent>> GetAuditPageAsync(Guid rolloutId, long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of a rollout's gate rounds (of one step when given), oldest first: at most <paramref name="limit"/> rounds
    /// whose sequence is greater than <paramref name="after"/> (0: from the start). A round is written in one
    /// transaction, so a page never holds part of one.
    /// </summary>
    Task<IReadOnlyList<SequencedGateRound>> GetGateRoundPageAsync(Guid rolloutId, long after, int limit, int? stepIndex = null, CancellationToken cancellationToken = default);

    /// <summary>The rollout's latest gate round, or null when none was recorded; reads one round whatever the history's length.</summary>
    Task<SequencedGateRound?> GetLastGateRoundAsync(Guid rolloutId, CancellationToken cancellationToken = default);

    /// <summary>The stored result of an identified command, or null when the request id is new.</summary>
    Task<string?> FindCommandResultAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Stores the result of an identified command (first writer wins).</summary>
    Task SaveCommandResultAsync(string requestId, string commandName, string resultJson, CancellationToken cancellationToken = default);
}

/// <summary>List filter.</summary>
/// <param name="Phase">Only rollouts in this state.</param>
/// <param name="Endpoint">Only rollouts of this endpoint name (case-insensitive).</param>
/// <param name="Limit">At most this many.</param>
public sealed record RolloutFilter(RolloutPhase? Phase = null, string? Endpoint = null, int Limit = 100);
