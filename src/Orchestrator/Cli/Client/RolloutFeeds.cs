using System.Globalization;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.GetRolloutAudit;

namespace Orchestrator.Cli.Client;

/// <summary>
/// Reads a rollout's audit log and gate history over the API from a cursor on, page after page until the feed ends
/// for now. The caller keeps the cursors, and moves them only once it has shown what it read.
/// </summary>
internal sealed class RolloutFeeds(OrchestratorClient client, Guid id)
{
    /// <summary>Every audit entry after <paramref name="after"/>, oldest first, and the cursor after them.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, long Next)> ReadAuditAsync(long after, CancellationToken cancellationToken = default)
    {
        var entries = new List<AuditEntry>();
        while (true)
        {
            var page = (await client.GetAsync(Path("audit", after), cancellationToken).ConfigureAwait(false)).Read<AuditLog>();
            entries.AddRange(page.Events);
            if (!page.HasMore || page.Next <= after)
            {
                return (entries, Math.Max(page.Next, after));
            }

            after = page.Next;
        }
    }

    /// <summary>Every gate round after <paramref name="after"/> (of one 0-based step when given), oldest first, and the cursor after them.</summary>
    public async Task<(IReadOnlyList<GateRoundView> Rounds, long Next)> ReadRoundsAsync(long after, int? step = null, CancellationToken cancellationToken = default)
    {
        var rounds = new List<GateRoundView>();
        while (true)
        {
            var path = Path("gates", after) + (step is { } s ? string.Create(CultureInfo.InvariantCulture, $"&step={s}") : "");
            var page = (await client.GetAsync(path, cancellationToken).ConfigureAwait(false)).Read<GateHistory>();
            rounds.AddRange(page.Rounds);

            // A server that does not move the cursor on would loop here for ever; what it gave is all there is.
            if (!page.HasMore || page.Next <= after)
            {
                return (rounds, Math.Max(page.Next, after));
            }

            after = page.Next;
        }
    }

    private string Path(string feed, long after) =>
        string.Create(CultureInfo.InvariantCulture, $"api/v1/rollouts/{id}/{feed}?after={after}&limit={Features.Rollouts.FeedPaging.MaxLimit}");
}
