using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Orchestrator.Features.Rollouts;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.GetRolloutAudit;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Api.Tests;

/// <summary>The cursors of <c>/audit</c> and <c>/gates</c> over real HTTP: pages hold every entry once, in order, and nothing more.</summary>
public sealed class RolloutFeedTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private ApiTestHost Host => fixture.Host;

    [Fact]
    public async Task GetRolloutAudit_PagedByThree_YieldsEveryEntryOnceInOrderThenAnEmptyPageWithTheSameCursor()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var other = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        for (var i = 0; i < 7; i++)
        {
            // Another rollout's entries in between: the feed's sequences have gaps, never foreign entries.
            await Host.Store.AppendAuditAsync([Event(rollout.Id, $"Action{i}"), Event(other.Id, $"Other{i}")]);
        }

        var (entries, pages, last) = await PageAsync<AuditLog, AuditEntry>("audit", rollout.Id, 3, log => (log.Events, log.Next, log.HasMore));

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"Action{i}"), entries.Select(e => e.Action));
        AssertStrictlyIncreasing(entries.Select(e => e.Sequence));
        Assert.Equal([(3, true), (3, true), (1, false)], pages);
        Assert.Equal(entries[^1].Sequence, last.Next);

        var empty = await GetAsync<AuditLog>($"/api/v1/rollouts/{rollout.Id}/audit?after={last.Next}");
        Assert.Equal((0, last.Next, false), (empty.Events.Count, empty.Next, empty.HasMore));
    }

    [Fact]
    public async Task GetRolloutAudit_EntryAddedAfterTheLastPage_IsTheOnlyEntryOfTheNextPage()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        await Host.Store.AppendAuditAsync([Event(rollout.Id, "Submit"), Event(rollout.Id, "Start")]);
        var whole = await GetAsync<AuditLog>($"/api/v1/rollouts/{rollout.Id}/audit");

        await Host.Store.AppendAuditAsync([Event(rollout.Id, "Pause")]);
        var next = await GetAsync<AuditLog>($"/api/v1/rollouts/{rollout.Id}/audit?after={whole.Next}");

        // Without parameters: the whole (short) log, as before the cursor existed.
        Assert.Equal(["Submit", "Start"], whole.Events.Select(e => e.Action));
        Assert.False(whole.HasMore);
        Assert.Equal("Pause", Assert.Single(next.Events).Action);
        Assert.True(next.Next > whole.Next);
    }

    [Fact]
    public async Task GetGateHistory_PagedByTwo_YieldsEveryRoundOnceWithAllItsGatesAcrossSteps()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        for (var i = 0; i < 5; i++)
        {
            await Host.Store.AppendGateRoundAsync(rollout.Id, i < 2 ? 1 : 2, Round(TestRollouts.Start.AddMinutes(i), i == 4 ? GateVerdict.Fail : GateVerdict.Pass));
        }

        var (rounds, pages, last) = await PageAsync<GateHistory, GateRoundView>("gates", rollout.Id, 2, history => (history.Rounds, history.Next, history.HasMore));

        Assert.Equal(Enumerable.Range(0, 5).Select(i => TestRollouts.Start.AddMinutes(i)), rounds.Select(r => r.At));
        Assert.Equal([1, 1, 2, 2, 2], rounds.Select(r => r.StepIndex));
        Assert.All(rounds, r => Assert.Equal(["p99-absolute", "error-rate"], r.Evaluations.Select(e => e.Gate)));
        Assert.Equal(GateVerdict.Fail, rounds[^1].Verdict);
        AssertStrictlyIncreasing(rounds.Select(r => r.Sequence));
        Assert.Equal([(2, true), (2, true), (1, false)], pages);

        var empty = await GetAsync<GateHistory>($"/api/v1/rollouts/{rollout.Id}/gates?after={last.Next}");
        Assert.Equal((0, last.Next, false), (empty.Rounds.Count, empty.Next, empty.HasMore));
        var stepTwo = await GetAsync<GateHistory>($"/api/v1/rollouts/{rollout.Id}/gates?step=2&after={rounds[2].Sequence}");
        Assert.Equal([rounds[3].Sequence, rounds[4].Sequence], stepTwo.Rounds.Select(r => r.Sequence));
    }

    [Fact]
    public async Task GetRollout_LongHistory_LastGateRoundIsTheNewestWithItsSequence()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        await Host.Store.AppendGateRoundAsync(rollout.Id, 1, Round(TestRollouts.Start.AddMinutes(1), GateVerdict.Pass));
        await Host.Store.AppendGateRoundAsync(rollout.Id, 2, Round(TestRollouts.Start.AddMinutes(2), GateVerdict.Fail));
        var history = await GetAsync<GateHistory>($"/api/v1/rollouts/{rollout.Id}/gates");

        var view = await GetAsync<Features.Rollouts.GetRollout.RolloutView>($"/api/v1/rollouts/{rollout.Id}");

        var last = view.LastGateRound!;
        Assert.Equal((history.Rounds[^1].Sequence, 2, GateVerdict.Fail, 2), (last.Sequence, last.StepIndex, last.Verdict, last.Evaluations.Count));
    }

    [Theory]
    [InlineData("audit", "after=-1&limit=0", new[] { "after", "limit" })]
    [InlineData("audit", "after=abc&limit=ten", new[] { "after", "limit" })]
    [InlineData("audit", "limit=1001", new[] { "limit" })]
    [InlineData("gates", "step=x&after=1.5&limit=1001", new[] { "step", "after", "limit" })]
    [InlineData("gates", "after=99999999999999999999", new[] { "after" })]
    public async Task Feeds_BadCursorValues_Return400NamingEveryField(string feed, string query, string[] fields)
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));

        using var response = await (await ViewerAsync()).GetAsync(new Uri($"/api/v1/rollouts/{rollout.Id}/{feed}?{query}", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(fields.Order(), problem.ErrorFields().Order());
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("gates")]
    public async Task Feeds_UnknownRollout_Return404(string feed)
    {
        var id = Guid.NewGuid();

        using var response = await (await ViewerAsync()).GetAsync(new Uri($"/api/v1/rollouts/{id}/{feed}?after=0&limit=10", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGateHistory_NoParametersOverMoreThanTheDefaultPage_AnswersTheFirstPageAndSaysMoreFollow()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        for (var i = 0; i <= FeedPaging.DefaultLimit; i++)
        {
            await Host.Store.AppendGateRoundAsync(rollout.Id, 2, Round(TestRollouts.Start.AddSeconds(i), GateVerdict.Pass));
        }

        var first = await GetAsync<GateHistory>($"/api/v1/rollouts/{rollout.Id}/gates");
        var rest = await GetAsync<GateHistory>($"/api/v1/rollouts/{rollout.Id}/gates?after={first.Next}");

        Assert.Equal((FeedPaging.DefaultLimit, true), (first.Rounds.Count, first.HasMore));
        Assert.Equal(TestRollouts.Start.AddSeconds(FeedPaging.DefaultLimit), Assert.Single(rest.Rounds).At);
        Assert.False(rest.HasMore);
    }

    private static AuditEvent Event(Guid rolloutId, string action) =>
        new(rolloutId, TestRollouts.Start, new Actor("alice", ActorRole.OnCall, CommandSource.Cli), action, $"{action} reason", RolloutPhase.Canary, RolloutPhase.Canary);

    private static GateRound Round(DateTimeOffset at, GateVerdict verdict) => new(
        at,
        [
            new GateEvaluation("p99-absolute", GateMetric.LatencyP99Ms, verdict, verdict == GateVerdict.Fail ? 612 : 120, null, 500, 80, at.AddMinutes(-2), at, "p99"),
            new GateEvaluation("error-rate", GateMetric.ErrorRate5xx, GateVerdict.Pass, 0, null, 0.01, 80, at.AddMinutes(-2), at, "errors"),
        ]);

    private static void AssertStrictlyIncreasing(IEnumerable<long> sequences)
    {
        var list = sequences.ToList();
        Assert.True(list.Zip(list.Skip(1)).All(p => p.First < p.Second), $"sequences are not increasing: {string.Join(", ", list)}");
    }

    /// <summary>Follows a feed from the start, page by page, as a client would; returns the entries, each page's (count, hasMore) and the last page.</summary>
    private async Task<(List<TEntry> Entries, List<(int Count, bool HasMore)> Pages, (long Next, bool HasMore) Last)> PageAsync<TPage, TEntry>(
        string feed, Guid id, int limit, Func<TPage, (IReadOnlyList<TEntry> Entries, long Next, bool HasMore)> parts)
    {
        var (entries, pages, after) = (new List<TEntry>(), new List<(int, bool)>(), 0L);
        while (true)
        {
            var (page, next, more) = parts(await GetAsync<TPage>(string.Create(CultureInfo.InvariantCulture, $"/api/v1/rollouts/{id}/{feed}?after={after}&limit={limit}")));
            entries.AddRange(page);
            pages.Add((page.Count, more));
            after = next;
            if (!more || pages.Count > 20)
            {
                return (entries, pages, (next, more));
            }
        }
    }

    private async Task<T> GetAsync<T>(string path) =>
        (await (await ViewerAsync()).GetFromJsonAsync<T>(path, ApiJson.Options))!;

    private async Task<HttpClient> ViewerAsync() => Host.Client(await Host.KeyAsync(ActorRole.Viewer));
}
