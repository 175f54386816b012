using Orchestrator.Auth;
using Orchestrator.Dispatching;
using Orchestrator.Persistence;

namespace Orchestrator.Features.Rollouts.GetRolloutAudit;

/// <summary>A page of a rollout's audit log, oldest first: who did what, under which role, from where, and why.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="After">Only entries after this sequence (0: from the start).</param>
/// <param name="Limit">At most this many (1..<see cref="FeedPaging.MaxLimit"/>).</param>
public sealed record GetRolloutAuditQuery(Guid RolloutId, long After = 0, int Limit = FeedPaging.DefaultLimit) : ICommand<AuditLog>;

/// <summary>Reads a page of the audit log; an unknown rollout is <see cref="RolloutNotFoundException"/>, not an empty log.</summary>
public sealed class GetRolloutAuditQueryHandler(IRolloutStore store) : ICommandHandler<GetRolloutAuditQuery, AuditLog>
{
    /// <inheritdoc />
    public async Task<AuditLog> HandleAsync(GetRolloutAuditQuery command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var failures = FeedPaging.Check(command.After, command.Limit).ToList();
        if (failures.Count > 0)
        {
            throw new CommandValidationException(failures);
        }

        _ = await store.GetAsync(command.RolloutId, cancellationToken).ConfigureAwait(false)
            ?? throw new RolloutNotFoundException(command.RolloutId);

        // One more than the page, to tell a full page with more behind it from the log's end.
        var events = await store.GetAuditPageAsync(command.RolloutId, command.After, command.Limit + 1, cancellationToken).ConfigureAwait(false);
        var page = events.Take(command.Limit).ToList();
        return new AuditLog(
            command.RolloutId,
            [.. page.Select(s => new AuditEntry(
                s.Sequence, s.Event.At, s.Event.Actor.Name, ApiRoles.NameOf(s.Event.Actor.Role), s.Event.Actor.Source, s.Event.Action, s.Event.Reason, s.Event.FromState, s.Event.ToState))],
            FeedPaging.Next(page, command.After, s => s.Sequence),
            events.Count > command.Limit);
    }
}
