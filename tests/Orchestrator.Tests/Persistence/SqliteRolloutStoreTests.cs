using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Policies.Gates;
using Tests.Common;

namespace Orchestrator.Persistence.Tests;

public sealed class SqliteRolloutStoreTests : IAsyncLifetime
{
    private static readonly Guid OldId = Guid.Parse("0195e9a0-0000-7000-8000-000000000001");
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task InsertThenGet_RoundTripsThePlanAndState()
    {
        var plan = new PlanBuilder().Build();
        var id = await _host.SeedAsync(plan);

        var stored = await _host.RolloutAsync(id);

        Assert.Equal(RolloutPhase.Pending, stored.Phase);
        Assert.Equal(-1, stored.StepIndex);
        Assert.Equal("local/ep", stored.EndpointKey);
        Assert.Equal(plan.Steps, stored.Plan.Steps);
        Assert.Equal(plan.Policy.Gates, stored.Plan.Policy.Gates);
        Assert.Equal(plan.Candidate, stored.Plan.Candidate);
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsRefusedAndChangesNothing()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var read = await _host.RolloutAsync(id);
        await _host.Store.UpdateAsync(read with { StepIndex = 0 }, []);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _host.Store.UpdateAsync(read with { StepIndex = 3 }, []));

        var now = await _host.RolloutAsync(id);
        Assert.Equal(0, now.StepIndex);
        Assert.Equal(read.Version + 1, now.Version);
    }

    [Fact]
    public async Task Insert_SecondActiveRolloutOnEndpoint_IsRefusedNamingTheFirst()
    {
        var first = await _host.SeedAsync(new PlanBuilder().Build());

        var conflict = await Assert.ThrowsAsync<ActiveRolloutConflictException>(() => _host.SeedAsync(new PlanBuilder().Build()));

        Assert.Equal(first, conflict.ActiveRolloutId);
        Assert.Contains(first.ToString(), conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_AfterTheFirstEnded_IsAccepted()
    {
        var first = await _host.SeedAsync(new PlanBuilder().Build());
        var read = await _host.RolloutAsync(first);
        await _host.Store.UpdateAsync(read with { Phase = RolloutPhase.RolledBack }, []);

        var second = await _host.SeedAsync(new PlanBuilder().Build());

        Assert.NotEqual(first, second);
        Assert.Single(await _host.Store.ListActiveAsync());
    }

    [Fact]
    public async Task Update_WithAudit_AppendsInOrderWithActor()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var read = await _host.RolloutAsync(id);
        var actor = new Actor("alice", ActorRole.OnCall, CommandSource.Api);
        await _host.Store.UpdateAsync(read with { Phase = RolloutPhase.Paused }, [new AuditEvent(id, _host.Clock.GetUtcNow(), actor, "Pause", "investigating", RolloutPhase.Pending, RolloutPhase.Paused)]);

        var audit = await _host.Store.GetAuditAsync(id);

        Assert.Equal(["Submit", "Pause"], audit.Select(a => a.Action));
        Assert.Equal(actor, audit[1].Actor);
        Assert.Equal("investigating", audit[1].Reason);
        Assert.Equal(RolloutPhase.Paused, audit[1].ToState);
    }

    [Fact]
    public async Task GateRounds_AreGroupedPerRoundAndStep()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var t0 = _host.Clock.GetUtcNow();
        GateEvaluation Eval(string gate, GateVerdict verdict) => new(gate, GateMetric.LatencyP99Ms, verdict, 12.5, 10, 500, 100, t0.AddMinutes(-1), t0, "because");
        await _host.Store.AppendGateRoundAsync(id, 2, new GateRound(t0, [Eval("a", GateVerdict.Pass), Eval("b", GateVerdict.Fail)]));
        await _host.Store.AppendGateRoundAsync(id, 2, new GateRound(t0.AddSeconds(10), [Eval("a", GateVerdict.Inconclusive)]));
        await _host.Store.AppendGateRoundAsync(id, 3, new GateRound(t0.AddSeconds(20), [Eval("a", GateVerdict.Pass)]));

        var step2 = await _host.Store.GetGateRoundsAsync(id, 2);
        var all = await _host.Store.GetGateRoundsAsync(id);

        Assert.Equal(2, step2.Count);
        Assert.Equal([GateVerdict.Pass, GateVerdict.Fail], step2[0].Evaluations.Select(e => e.Verdict));
        Assert.Equal(t0.AddSeconds(10), step2[1].At);
        Assert.Equal(3, all.Count);
        Assert.Equal(12.5, step2[0].Evaluations[0].Observed);
    }

    [Fact]
    public async Task AppendGateRoundAndUpdate_StoresTheRoundTheChangeAndItsAuditTogether()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var read = await _host.RolloutAsync(id);
        var round = FailedRound(_host.Clock.GetUtcNow());

        var saved = await _host.Store.AppendGateRoundAndUpdateAsync(read with { Phase = RolloutPhase.RollingBack }, [GateFailed(id)], 2, round);

        Assert.Equal(read.Version + 1, saved.Version);
        Assert.Equal(RolloutPhase.RollingBack, (await _host.RolloutAsync(id)).Phase);
        Assert.Equal([round.At], (await _host.Store.GetGateRoundsAsync(id, 2)).Select(r => r.At));
        Assert.Equal("GateFailed", (await _host.Store.GetAuditAsync(id))[^1].Action);
    }

    [Fact]
    public async Task AppendGateRoundAndUpdate_WithStaleVersion_StoresNeitherTheRoundNorTheChange()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var read = await _host.RolloutAsync(id);
        await _host.Store.UpdateAsync(read with { StepIndex = 2 }, []);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _host.Store.AppendGateRoundAndUpdateAsync(read with { Phase = RolloutPhase.RollingBack }, [GateFailed(id)], 2, FailedRound(_host.Clock.GetUtcNow())));

        Assert.Equal(RolloutPhase.Pending, (await _host.RolloutAsync(id)).Phase);
        Assert.Empty(await _host.Store.GetGateRoundsAsync(id));
        Assert.DoesNotContain(await _host.Store.GetAuditAsync(id), a => a.Action == "GateFailed");
    }

    [Fact]
    public async Task CommandResults_FirstWriterWins()
    {
        await _host.Store.SaveCommandResultAsync("k", "Pause", "first");
        await _host.Store.SaveCommandResultAsync("k", "Pause", "second");

        Assert.Equal("first", await _host.Store.FindCommandResultAsync("k"));
        Assert.Null(await _host.Store.FindCommandResultAsync("other"));
    }

    [Fact]
    public async Task Migrate_Twice_IsHarmless()
    {
        await _host.Store.MigrateAsync();
        await _host.Store.MigrateAsync();

        Assert.Empty(await _host.Store.ListAsync(new RolloutFilter()));
    }

    [Fact]
    public async Task Insert_QueuedBesideTheActiveRollout_IsAcceptedAndNotActive()
    {
        var active = await _host.SeedAsync(new PlanBuilder().Build());

        var queued = await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: active);

        var stored = await _host.RolloutAsync(queued);
        Assert.Equal((RolloutPhase.Queued, active), (stored.Phase, stored.QueuedBehind));
        Assert.Equal([active], (await _host.Store.ListActiveAsync()).Select(r => r.Id));
    }

    [Fact]
    public async Task Update_QueuedToPendingWhileAnotherIsActive_IsRefusedByTheIndexAndStaysQueued()
    {
        var active = await _host.SeedAsync(new PlanBuilder().Build());
        var queued = await _host.RolloutAsync(await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: active));

        var conflict = await Assert.ThrowsAsync<ActiveRolloutConflictException>(() => _host.Store.UpdateAsync(queued with { Phase = RolloutPhase.Pending }, []));

        Assert.Equal(active, conflict.ActiveRolloutId);
        var after = await _host.RolloutAsync(queued.Id);
        Assert.Equal((RolloutPhase.Queued, queued.Version), (after.Phase, after.Version));
    }

    [Fact]
    public async Task ListQueued_OneEndpoint_OldestFirstAndOnlyQueued()
    {
        var active = await _host.SeedAsync(new PlanBuilder().Build());
        var elsewhere = await _host.SeedAsync(new PlanBuilder().Endpoint("other").Build());
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: active);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = await _host.SeedAsync(new PlanBuilder().Build(), queuedBehind: second);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var otherQueued = await _host.SeedAsync(new PlanBuilder().Endpoint("other").Build(), queuedBehind: elsewhere);

        Assert.Equal([second, third], (await _host.Store.ListQueuedAsync("local/ep")).Select(r => r.Id));
        Assert.Equal([second, third, otherQueued], (await _host.Store.ListQueuedAsync()).Select(r => r.Id));
        Assert.Empty(await _host.Store.ListQueuedAsync("local/none"));
    }

    [Fact]
    public async Task Migrate_FromSchemaVersion1_KeepsRolloutsAndAddsTheQueue()
    {
        var path = Path.Combine(Path.GetTempPath(), "orchestrator-tests", $"v1-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = $"Data Source={path}";
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);");
            await connection.ExecuteAsync(SqliteSchema.Migrations[0]);
            await connection.ExecuteAsync(
                """
                INSERT INTO rollouts (id, endpoint_key, endpoint, phase, active, step_index, step_started_at, bake_end_requested,
                    approved, attempt, submitted_by, created_at, updated_at, version, plan_json)
                VALUES (@id, 'local/ep', 'ep', 'Canary', 1, 3, '2026-01-01T00:00:00.0000000Z', 0, 0, 0, 'old', '2026-01-01T00:00:00.0000000Z',
                    '2026-01-01T00:00:00.0000000Z', 4, @plan)
                """,
                new { id = OldId.ToString(), plan = PlanJsonBeforeTheQueue() });
        }

        try
        {
            var store = new SqliteRolloutStore(new SqliteConnectionFactory(Options.Create(new DatabaseOptions { ConnectionString = connectionString })));
            await store.MigrateAsync();

            var old = await store.GetAsync(OldId);
            Assert.Equal((RolloutPhase.Canary, (Guid?)null, BusyEndpointPolicy.Reject), (old!.Phase, old.QueuedBehind, old.Plan.OnBusyEndpoint));
            Assert.Empty(await store.ListQueuedAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>A stored plan as written before <c>onBusyEndpoint</c> existed.</summary>
    private static string PlanJsonBeforeTheQueue()
    {
        var plan = JsonSerializer.SerializeToNode(new PlanBuilder().Build(), StoredJson.Options)!.AsObject();
        Assert.True(plan.Remove("onBusyEndpoint"));
        return plan.ToJsonString();
    }

    private static GateRound FailedRound(DateTimeOffset at) =>
        new(at, [new GateEvaluation("p99", GateMetric.LatencyP99Ms, GateVerdict.Fail, 900, null, 250, 600, at.AddSeconds(-10), at, "p99 900 > 250")]);

    private AuditEvent GateFailed(Guid id) =>
        new(id, _host.Clock.GetUtcNow(), Actor.Scheduler, "GateFailed", "p99 900 > 250", RolloutPhase.Canary, RolloutPhase.RollingBack);
}
