using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Api.Tests;

/// <summary>
/// The names the API prints, read from the raw JSON over real HTTP: a metric, a target and a compute as plans and
/// policies write them (<c>latency_p99_ms</c>, <c>local</c>), states, verdicts and sources by their documented names
/// (<c>Canary</c>, <c>Fail</c>, <c>Api</c>), roles as keys are given them (<c>on-call</c>). Data stored with the old
/// member names (<c>LatencyP99Ms</c>, <c>Local</c>) reads the same.
/// </summary>
public sealed class WireNamesTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly DateTimeOffset At = TestRollouts.Start.AddMinutes(12);

    [Fact]
    public async Task GetGateHistory_StoredRound_NamesTheMetricAsPoliciesDo()
    {
        var rollout = await InsertWithFailedRoundAsync();

        var round = (await GetJsonAsync($"/api/v1/rollouts/{rollout.Id}/gates")).GetProperty("rounds")[0];

        Assert.Equal("Fail", round.GetProperty("verdict").GetString());
        var evaluation = round.GetProperty("evaluations")[0];
        Assert.Equal(("latency_p99_ms", "Fail"), (evaluation.GetProperty("metric").GetString(), evaluation.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task GetRollout_Canary_NamesTargetMetricAndStateAsDocumented()
    {
        var rollout = await InsertWithFailedRoundAsync();

        var view = await GetJsonAsync($"/api/v1/rollouts/{rollout.Id}");

        Assert.Equal("local", view.GetProperty("target").GetString());
        Assert.Equal("Canary", view.GetProperty("state").GetString());
        Assert.Equal("traffic", view.GetProperty("stepKind").GetString());
        Assert.Equal("latency_p99_ms", view.GetProperty("lastGateRound").GetProperty("evaluations")[0].GetProperty("metric").GetString());
    }

    [Fact]
    public async Task GetRollout_RowsStoredWithMemberNames_ReadWithThePolicyNames()
    {
        var rollout = await InsertWithFailedRoundAsync();
        await using (var connection = new SqliteConnection($"Data Source={fixture.Host.DatabasePath}"))
        {
            Assert.Equal("latency_p99_ms", await connection.ExecuteScalarAsync<string>("SELECT metric FROM gate_evaluations WHERE rollout_id = @id", new { id = rollout.Id.ToString() }));

            // As a service before the names were unified wrote them.
            await connection.ExecuteAsync("UPDATE gate_evaluations SET metric = 'LatencyP99Ms' WHERE rollout_id = @id", new { id = rollout.Id.ToString() });
            var planJson = await connection.ExecuteScalarAsync<string>("SELECT plan_json FROM rollouts WHERE id = @id", new { id = rollout.Id.ToString() });
            Assert.Contains("\"latency_p99_ms\"", planJson, StringComparison.Ordinal);
            var oldJson = planJson!.Replace("\"latency_p99_ms\"", "\"LatencyP99Ms\"", StringComparison.Ordinal)
                .Replace("\"local\"", "\"Local\"", StringComparison.Ordinal).Replace("\"managed\"", "\"Managed\"", StringComparison.Ordinal);
            await connection.ExecuteAsync("UPDATE rollouts SET plan_json = @oldJson WHERE id = @id", new { oldJson, id = rollout.Id.ToString() });
        }

        SqliteConnection.ClearAllPools();
        var view = await GetJsonAsync($"/api/v1/rollouts/{rollout.Id}");
        var stored = await fixture.Host.Store.GetAsync(rollout.Id);

        Assert.Equal("local", view.GetProperty("target").GetString());
        Assert.Equal("latency_p99_ms", view.GetProperty("lastGateRound").GetProperty("evaluations")[0].GetProperty("metric").GetString());
        Assert.Equal(GateMetric.LatencyP99Ms, Assert.Single(stored!.Plan.Policy.Gates).Metric);
    }

    [Fact]
    public async Task GetAudit_AfterPauseThroughTheApi_NamesRoleSourceAndStates()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        using var content = new StringContent("""{"reason":"latency alert"}""", Encoding.UTF8, "application/json");
        using var paused = await fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.OnCall)).PostAsync(new Uri($"/api/v1/rollouts/{rollout.Id}/pause", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);

        var entry = (await GetJsonAsync($"/api/v1/rollouts/{rollout.Id}/audit")).GetProperty("events").EnumerateArray().Single(e => e.GetProperty("toState").GetString() == "Paused");

        Assert.Equal("on-call", entry.GetProperty("role").GetString());
        Assert.Equal("Api", entry.GetProperty("source").GetString());
        Assert.Equal("Canary", entry.GetProperty("fromState").GetString());
    }

    private async Task<Rollout> InsertWithFailedRoundAsync()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        await fixture.Host.Store.AppendGateRoundAsync(rollout.Id, 2, new GateRound(
            At,
            [new GateEvaluation("p99-absolute", GateMetric.LatencyP99Ms, GateVerdict.Fail, 612, null, 500, 80, At.AddMinutes(-2), At, "p99 612 ms exceeds 500 ms")]));
        return rollout;
    }

    private async Task<JsonElement> GetJsonAsync(string route)
    {
        using var response = await fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Viewer)).GetAsync(new Uri(route, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
