using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Tests.Common.Crashes;

/// <summary>
/// The real store seen through a <see cref="CrashFuse"/>: every write can be the call the process dies at (before
/// its transaction, or after it committed), and each committed write is written to the <see cref="SideEffectJournal"/>.
/// Reads pass through: a crash before a read is the same as a crash after the write before it.
/// </summary>
public sealed class CrashingRolloutStore(IRolloutStore inner, CrashFuse fuse, SideEffectJournal journal, TimeProvider clock) : IRolloutStore
{
    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

    /// <inheritdoc />
    public Task<Rollout?> GetAsync(Guid id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Rollout>> ListAsync(RolloutFilter filter, CancellationToken cancellationToken = default) => inner.ListAsync(filter, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Rollout>> ListActiveAsync(CancellationToken cancellationToken = default) => inner.ListActiveAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Rollout>> ListQueuedAsync(string? endpointKey = null, CancellationToken cancellationToken = default) =>
        inner.ListQueuedAsync(endpointKey, cancellationToken);

    /// <inheritdoc />
    public Task InsertAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return fuse.RunAsync(SideEffectKind.StoreInsert, $"{rollout.Phase}", async () =>
        {
            await inner.InsertAsync(rollout, audit, cancellationToken);
            Record(SideEffectKind.StoreInsert, rollout.Phase, null);
        });
    }

    /// <inheritdoc />
    public Task<Rollout> UpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return fuse.RunAsync(SideEffectKind.StoreUpdate, $"{rollout.Phase} step {rollout.StepIndex}", async () =>
        {
            var saved = await inner.UpdateAsync(rollout, audit, cancellationToken);
            Record(SideEffectKind.StoreUpdate, saved.Phase, null);
            return saved;
        });
    }

    /// <inheritdoc />
    public Task<Rollout> AppendGateRoundAndUpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, int stepIndex, GateRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return fuse.RunAsync(SideEffectKind.StoreGateRoundAndUpdate, $"round of step {stepIndex} and {rollout.Phase}", async () =>
        {
            var saved = await inner.AppendGateRoundAndUpdateAsync(rollout, audit, stepIndex, round, cancellationToken);
            Record(SideEffectKind.StoreGateRoundAndUpdate, saved.Phase, GateDecider.VerdictOf(round));
            return saved;
        });
    }

    /// <inheritdoc />
    public Task AppendAuditAsync(IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default) =>
        fuse.RunAsync(SideEffectKind.StoreAudit, "audit", async () =>
        {
            await inner.AppendAuditAsync(audit, cancellationToken);
            Record(SideEffectKind.StoreAudit, null, null);
        });

    /// <inheritdoc />
    public Task AppendGateRoundAsync(Guid rolloutId, int stepIndex, GateRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        return fuse.RunAsync(SideEffectKind.StoreGateRound, $"round of step {stepIndex}", async () =>
        {
            await inner.AppendGateRoundAsync(rolloutId, stepIndex, round, cancellationToken);
            Record(SideEffectKind.StoreGateRound, null, GateDecider.VerdictOf(round));
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<GateRound>> GetGateRoundsAsync(Guid rolloutId, int? stepIndex = null, CancellationToken cancellationToken = default) =>
        inner.GetGateRoundsAsync(rolloutId, stepIndex, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<GateRound>> GetDecidingGateRoundsAsync(Guid rolloutId, int stepIndex, CancellationToken cancellationToken = default) =>
        inner.GetDecidingGateRoundsAsync(rolloutId, stepIndex, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEvent>> GetAuditAsync(Guid rolloutId, CancellationToken cancellationToken = default) => inner.GetAuditAsync(rolloutId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SequencedAuditEvent>> GetAuditPageAsync(Guid rolloutId, long after, int limit, CancellationToken cancellationToken = default) =>
        inner.GetAuditPageAsync(rolloutId, after, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SequencedGateRound>> GetGateRoundPageAsync(Guid rolloutId, long after, int limit, int? stepIndex = null, CancellationToken cancellationToken = default) =>
        inner.GetGateRoundPageAsync(rolloutId, after, limit, stepIndex, cancellationToken);

    /// <inheritdoc />
    public Task<SequencedGateRound?> GetLastGateRoundAsync(Guid rolloutId, CancellationToken cancellationToken = default) =>
        inner.GetLastGateRoundAsync(rolloutId, cancellationToken);

    /// <inheritdoc />
    public Task<string?> FindCommandResultAsync(string requestId, CancellationToken cancellationToken = default) => inner.FindCommandResultAsync(requestId, cancellationToken);

    /// <inheritdoc />
    public Task SaveCommandResultAsync(string requestId, string commandName, string resultJson, CancellationToken cancellationToken = default) =>
        fuse.RunAsync(SideEffectKind.StoreCommandResult, commandName, async () =>
        {
            await inner.SaveCommandResultAsync(requestId, commandName, resultJson, cancellationToken);
            Record(SideEffectKind.StoreCommandResult, null, null);
        });

    private void Record(SideEffectKind kind, RolloutPhase? phase, GateVerdict? verdict) =>
        journal.Record(new SideEffect(0, clock.GetUtcNow(), kind, phase?.ToString() ?? kind.ToString()) { Phase = phase, Verdict = verdict });
}
