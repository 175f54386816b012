using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orchestrator.Rollouts;
using Policies.Gates;
using Tests.Common;

namespace Orchestrator.Persistence.Tests;

/// <summary>The store's feeds: pages after a cursor count rounds (not rows), hold whole rounds, and survive old databases.</summary>
public sealed class SqliteRolloutStoreFeedsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private ScenarioHost _host = null!;

    public async Task InitializeAsync() => _host = await ScenarioHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetGateRoundPage_RoundsOfTwoGates_LimitCountsWholeRounds()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        for (var i = 0; i < 3; i++)
        {
            await _host.Store.AppendGateRoundAsync(id, 2, TwoGates(Start.AddSeconds(i)));
        }

        var first = await _host.Store.GetGateRoundPageAsync(id, 0, 2);
        var rest = await _host.Store.GetGateRoundPageAsync(id, first[^1].Sequence, 2);

        Assert.Equal([Start, Start.AddSeconds(1)], first.Select(r => r.Round.At));
        Assert.All(first.Concat(rest), r => Assert.Equal(["p99", "errors"], r.Round.Evaluations.Select(e => e.Gate)));
        Assert.Equal(Start.AddSeconds(2), Assert.Single(rest).Round.At);
        Assert.Empty(await _host.Store.GetGateRoundPageAsync(id, rest[0].Sequence, 2));
    }

    [Fact]
    public async Task GetGateRoundPage_OneStep_SkipsTheOthersAndLabelsEachRoundWithItsStep()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        await _host.Store.AppendGateRoundAsync(id, 1, TwoGates(Start));
        await _host.Store.AppendGateRoundAsync(id, 2, TwoGates(Start.AddSeconds(1)));
        await _host.Store.AppendGateRoundAsync(id, 1, TwoGates(Start.AddSeconds(2)));

        var stepOne = await _host.Store.GetGateRoundPageAsync(id, 0, 10, stepIndex: 1);
        var all = await _host.Store.GetGateRoundPageAsync(id, 0, 10);

        Assert.Equal([(1, Start), (1, Start.AddSeconds(2))], stepOne.Select(r => (r.StepIndex, r.Round.At)));
        Assert.Equal([1, 2, 1], all.Select(r => r.StepIndex));
    }

    [Fact]
    public async Task GetLastGateRound_SeveralRounds_ReturnsTheNewestWithEveryGate_NullWithoutRounds()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var empty = await _host.Store.GetLastGateRoundAsync(id);
        await _host.Store.AppendGateRoundAsync(id, 1, TwoGates(Start));
        await _host.Store.AppendGateRoundAsync(id, 2, TwoGates(Start.AddSeconds(1)));

        var last = await _host.Store.GetLastGateRoundAsync(id);
        var all = await _host.Store.GetGateRoundPageAsync(id, 0, 10);

        Assert.Null(empty);
        Assert.Equal((2, Start.AddSeconds(1), all[^1].Sequence), (last!.StepIndex, last.Round.At, last.Sequence));
        Assert.Equal(["p99", "errors"], last.Round.Evaluations.Select(e => e.Gate));
    }

    [Fact]
    public async Task GetAuditPage_AfterACursor_ReturnsOnlyLaterEventsOfThatRollout()
    {
        var id = await _host.SeedAsync(new PlanBuilder().Build());
        var other = await _host.SeedAsync(new PlanBuilder().Endpoint("other").Build());
        await _host.Store.AppendAuditAsync([Event(id, "Pause"), Event(other, "Pause"), Event(id, "Resume")]);

        var all = await _host.Store.GetAuditPageAsync(id, 0, 10);
        var afterSubmit = await _host.Store.GetAuditPageAsync(id, all[0].Sequence, 1);

        Assert.Equal(["Submit", "Pause", "Resume"], all.Select(e => e.Event.Action));
        Assert.Equal("Pause", Assert.Single(afterSubmit).Event.Action);
        Assert.Equal(all[1].Sequence, afterSubmit[0].Sequence);
    }

    [Fact]
    public async Task Migrate_FromSchemaVersion2_KeepsGateRowsAndAuditAndPagesThem()
    {
        var path = Path.Combine(Path.GetTempPath(), "orchestrator-tests", $"v2-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = $"Data Source={path}";
        var id = Guid.NewGuid();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1); INSERT INTO schema_version VALUES (2);");
            await connection.ExecuteAsync(SqliteSchema.Migrations[0]);
            await connection.ExecuteAsync(SqliteSchema.Migrations[1]);
            await connection.ExecuteAsync(
                """
                INSERT INTO gate_evaluations (rollout_id, step_index, round_at, gate, metric, verdict, observed, baseline, threshold,
                    samples, window_start, window_end, reason)
                VALUES (@id, 3, '2026-01-01T00:01:00.0000000Z', 'p99', 'LatencyP99Ms', 'Pass', 120, NULL, 500, 80,
                    '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:01:00.0000000Z', 'p99');
                INSERT INTO audit_events (rollout_id, at, actor, role, source, action, reason, from_state, to_state)
                VALUES (@id, '2026-01-01T00:00:00.0000000Z', 'old', 'ReleaseManager', 'Api', 'Submit', NULL, NULL, 'Pending');
                """,
                new { id = id.ToString() });
        }

        try
        {
            var store = new SqliteRolloutStore(new SqliteConnectionFactory(Options.Create(new DatabaseOptions { ConnectionString = connectionString })));
            await store.MigrateAsync();

            var rounds = await store.GetGateRoundPageAsync(id, 0, 10);
            Assert.Equal((3, GateMetric.LatencyP99Ms), (Assert.Single(rounds).StepIndex, rounds[0].Round.Evaluations[0].Metric));
            Assert.Equal("Submit", Assert.Single(await store.GetAuditPageAsync(id, 0, 10)).Event.Action);
            await using var check = new SqliteConnection(connectionString);
            Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_gates_rollout_seq'"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static GateRound TwoGates(DateTimeOffset at) => new(at,
    [
        new GateEvaluation("p99", GateMetric.LatencyP99Ms, GateVerdict.Pass, 120, null, 250, 600, at.AddSeconds(-10), at, "p99 120 <= 250"),
        new GateEvaluation("errors", GateMetric.ErrorRate5xx, GateVerdict.Pass, 0, null, 1, 600, at.AddSeconds(-10), at, "0% <= 1%"),
    ]);

    private static AuditEvent Event(Guid id, string action) =>
        new(id, Start, new Actor("alice", ActorRole.OnCall, CommandSource.Cli), action, null, RolloutPhase.Canary, RolloutPhase.Canary);
}
