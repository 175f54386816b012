using System.Diagnostics;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Benchmarks.Probes;

/// <summary>The real store, timed per method into a <see cref="StoreProfile"/>, noting committed phases in <see cref="RollbackMarks"/>.</summary>
internal sealed class TimedStore(IRolloutStore inner, StoreProfile profile, RollbackMarks? marks = null) : IRolloutStore
{
    /// <summary>Commit a gate round and the change it decided in two transactions, as the store did before (rollback-reaction --compare).</summary>
    public bool SplitRoundAndUpdate { get; set; }

    public Task MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

    public async Task<Rollout?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var rollout = await inner.GetAsync(id, cancellationToken);
        profile.Add(nameof(GetAsync), start);
        return rollout;
    }

    public Task<IReadOnlyList<Rollout>> ListAsync(RolloutFilter filter, CancellationToken cancellationToken = default) => inner.ListAsync(filter, cancellationToken);

    public Task<IReadOnlyList<Rollout>> ListActiveAsync(CancellationToken cancellationToken = default) => inner.ListActiveAsync(cancellationToken);

    public Task<IReadOnlyList<Rollout>> ListQueuedAsync(string? endpointKey = null, CancellationToken cancellationToken = default) =>
        inner.ListQueuedAsync(endpointKey, cancellationToken);

    public async Task InsertAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.InsertAsync(rollout, audit, cancellationToken);
        profile.Add(nameof(InsertAsync), start);
    }

    public async Task<Rollout> UpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var saved = await inner.UpdateAsync(rollout, audit, cancellationToken);
        profile.Add(nameof(UpdateAsync), start);
        marks?.Stored(saved.Phase);
        return saved;
    }

    public async Task<Rollout> AppendGateRoundAndUpdateAsync(Rollout rollout, IReadOnlyList<AuditEvent> audit, int stepIndex, GateRound round, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        Rollout saved;
        if (SplitRoundAndUpdate)
        {
            await inner.AppendGateRoundAsync(rollout.Id, stepIndex, round, cancellationToken);
            saved = await inner.UpdateAsync(rollout, audit, cancellationToken);
        }
        else
        {
            saved = await inner.AppendGateRoundAndUpdateAsync(rollout, audit, stepIndex, round, cancellationToken);
        }

        profile.Add(SplitRoundAndUpdate ? "AppendGateRound+UpdateAsync (2 tx)" : nameof(AppendGateRoundAndUpdateAsync), start);
        marks?.Stored(saved.Phase);
        return saved;
    }

    public async Task AppendAuditAsync(IReadOnlyList<AuditEvent> audit, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.AppendAuditAsync(audit, cancellationToken);
        profile.Add(nameof(AppendAuditAsync), start);
    }

    public async Task AppendGateRoundAsync(Guid rolloutId, int stepIndex, GateRound round, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.AppendGateRoundAsync(rolloutId, stepIndex, round, cancellationToken);
        profile.Add(nameof(AppendGateRoundAsync), start);
    }

    public async Task<IReadOnlyList<GateRound>> GetDecidingGateRoundsAsync(Guid rolloutId, int stepIndex, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var rounds = await inner.GetDecidingGateRoundsAsync(rolloutId, stepIndex, cancellationToken);
        profile.Add(nameof(GetDecidingGateRoundsAsync), start);
        return rounds;
    }

    public async Task<IReadOnlyList<GateRound>> GetGateRoundsAsync(Guid rolloutId, int? stepIndex = null, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var rounds = await inner.GetGateRoundsAsync(rolloutId, stepIndex, cancellationToken);
        profile.Add(nameof(GetGateRoundsAsync), start);
        return rounds;
    }

    public Task<IReadOnlyList<AuditEvent>> GetAuditAsync(Guid rolloutId, CancellationToken cancellationToken = default) => inner.GetAuditAsync(rolloutId, cancellationToken);

    public Task<IReadOnlyList<SequencedAuditEvent>> GetAuditPageAsync(Guid rolloutId, long after, int limit, CancellationToken cancellationToken = default) =>
        inner.GetAuditPageAsync(rolloutId, after, limit, cancellationToken);

    public Task<IReadOnlyList<SequencedGateRound>> GetGateRoundPageAsync(Guid rolloutId, long after, int limit, int? stepIndex = null, CancellationToken cancellationToken = default) =>
        inner.GetGateRoundPageAsync(rolloutId, after, limit, stepIndex, cancellationToken);

    public Task<SequencedGateRound?> GetLastGateRoundAsync(Guid rolloutId, CancellationToken cancellationToken = default) => inner.GetLastGateRoundAsync(rolloutId, cancellationToken);

    public Task<string?> FindCommandResultAsync(string requestId, CancellationToken cancellationToken = default) => inner.FindCommandResultAsync(requestId, cancellationToken);

    public Task SaveCommandResultAsync(string requestId, string commandName, string resultJson, CancellationToken cancellationToken = default) =>
        inner.SaveCommandResultAsync(requestId, commandName, resultJson, cancellationToken);
}
