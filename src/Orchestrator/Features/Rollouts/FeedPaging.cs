using Orchestrator.Dispatching;

namespace Orchestrator.Features.Rollouts;

/// <summary>
/// The cursor both feeds of a rollout share (the audit log and the gate history): <c>after</c>, the last sequence a
/// reader saw (0: from the start), and <c>limit</c>, the page size. A page answers <c>next</c>, the cursor to send next.
/// </summary>
public static class FeedPaging
{
    /// <summary>The page size without <c>limit</c>: every audit log and any gate history shorter than this in one answer.</summary>
    public const int DefaultLimit = 500;

    /// <summary>The largest page: an hour of 1 s gate rounds is 3,600 rounds, too many to build and send in one answer.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The failures of a cursor, named by their query parameters.</summary>
    public static IEnumerable<ValidationFailure> Check(long after, int limit)
    {
        if (after < 0)
        {
            yield return new ValidationFailure("after", "must be 0 or a sequence number from an earlier page");
        }

        if (limit is < 1 or > MaxLimit)
        {
            yield return new ValidationFailure("limit", $"must be between 1 and {MaxLimit}");
        }
    }

    /// <summary>The cursor to ask for next: the last entry's sequence, or the same cursor when the page is empty.</summary>
    public static long Next<T>(IReadOnlyList<T> page, long after, Func<T, long> sequenceOf)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(sequenceOf);
        return page.Count == 0 ? after : sequenceOf(page[^1]);
    }
}
