using Orchestrator.Auth;
using Orchestrator.Dispatching;
using Orchestrator.Persistence;

namespace Orchestrator.Features.Rollouts.GetRolloutAudit;

/// <summary>A rollout's audit log, oldest first: who did what, under which role, from where, and why.</summary>
/// <param name="RolloutId">The rollout.</param>
public sealed record GetRolloutAuditQuery(Guid RolloutId) : ICommand<AuditLog>;

/// <summary>Reads the audit log; an unknown rollout is <see cref="RolloutNotFoundException"/>, not an empty log.</summary>
public sealed class GetRolloutAuditQueryHandler(IRolloutStore store) : ICommandHandler<GetRolloutAuditQuery, AuditLog>
{
    /// <inheritdoc />
    public async Task<AuditLog> HandleAsync(GetRolloutAuditQuery command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        _ = await store.GetAsync(command.RolloutId, cancellationToken).ConfigureAwait(false)
            ?? throw new RolloutNotFoundException(command.RolloutId);
        var events = await store.GetAuditAsync(command.RolloutId, cancellationToken).ConfigureAwait(false);
        return new AuditLog(
            command.RolloutId,
            [.. events.Select(e => new AuditEntry(e.At, e.Actor.Name, ApiRoles.NameOf(e.Actor.Role), e.Actor.Source, e.Action, e.Reason, e.FromState, e.ToState))]);
    }
}
