using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.ListRollouts;

/// <summary>Rollouts, newest first, optionally only those in one state or of one endpoint.</summary>
/// <param name="State">Only rollouts in this state.</param>
/// <param name="Endpoint">Only rollouts of this endpoint name (case-insensitive).</param>
/// <param name="Limit">At most this many (1..500).</param>
public sealed record ListRolloutsQuery(RolloutPhase? State = null, string? Endpoint = null, int Limit = ListRolloutsQuery.DefaultLimit) : ICommand<RolloutList>
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 500;
}

/// <summary>Reads the list from the store.</summary>
public sealed class ListRolloutsQueryHandler(IRolloutStore store) : ICommandHandler<ListRolloutsQuery, RolloutList>
{
    /// <inheritdoc />
    public async Task<RolloutList> HandleAsync(ListRolloutsQuery command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var failures = new List<ValidationFailure>();
        if (command.Limit is < 1 or > ListRolloutsQuery.MaxLimit)
        {
            failures.Add(new("limit", $"must be between 1 and {ListRolloutsQuery.MaxLimit}"));
        }

        if (command.Endpoint is { Length: > 255 })
        {
            failures.Add(new("endpoint", "must be at most 255 characters"));
        }

        if (failures.Count > 0)
        {
            throw new CommandValidationException(failures);
        }

        var endpoint = string.IsNullOrWhiteSpace(command.Endpoint) ? null : command.Endpoint.Trim();
        var rollouts = await store.ListAsync(new RolloutFilter(command.State, endpoint, command.Limit), cancellationToken).ConfigureAwait(false);
        return new RolloutList([.. rollouts.Select(RolloutSummary.From)]);
    }
}
