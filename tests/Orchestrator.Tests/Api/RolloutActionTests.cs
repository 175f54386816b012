using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrator.Features.Rollouts.GetRolloutAudit;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Rollouts;

namespace Orchestrator.Api.Tests;

/// <summary>POST /api/v1/rollouts/{id}/{action} over real HTTP: the state table decides, the key is the actor.</summary>
public sealed class RolloutActionTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly JsonSerializerOptions Json = ApiJson.Options;

    [Fact]
    public async Task PauseRollout_InCanary_Returns200PausedAndAuditsTheKey()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));

        using var response = await PostAsync(ActorRole.OnCall, rollout.Id, "pause", """{"reason":"investigating a latency alert"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paused = await response.Content.ReadFromJsonAsync<RolloutSummary>(Json);
        Assert.Equal(RolloutPhase.Paused, paused!.State);
        Assert.Equal(RolloutPhase.Canary, paused.PausedFrom);
        var entry = Assert.Single((await AuditAsync(rollout.Id)).Events, e => e.ToState == RolloutPhase.Paused);
        Assert.Equal(("on-call-key", "on-call", CommandSource.Api), (entry.Actor, entry.Role, entry.Source));
        Assert.Equal("investigating a latency alert", entry.Reason);
    }

    [Fact]
    public async Task PauseRollout_WithoutBody_Returns200()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Shadowing, stepIndex: 1));

        using var response = await PostAsync(ActorRole.OnCall, rollout.Id, "pause", body: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PauseRollout_WhileRolledBack_Returns409NamingTheStateAndTrigger()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.RolledBack, stepIndex: 2));

        using var response = await PostAsync(ActorRole.OnCall, rollout.Id, "pause", """{"reason":"too late"}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("RolledBack", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("Pause", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal("RolledBack", problem.GetProperty("state").GetString());
        Assert.Equal("Pause", problem.GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task AbortRollout_WithoutReason_Returns400NamingReason()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));

        using var response = await PostAsync(ActorRole.OnCall, rollout.Id, "abort", "{}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("reason", problem.ErrorFields(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AbortRollout_WithReason_RollsBackWithActorAndReasonInTheAudit()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));

        using var response = await PostAsync(ActorRole.OnCall, rollout.Id, "abort", """{"reason":"error budget burning"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RolloutPhase.RollingBack, (await response.Content.ReadFromJsonAsync<RolloutSummary>(Json))!.State);
        var audit = await AuditAsync(rollout.Id);
        Assert.Contains(audit.Events, e => e.Actor == "on-call-key" && e.Reason == "error budget burning" && e.ToState == RolloutPhase.RollingBack);
    }

    [Fact]
    public async Task ResumeRollout_RepeatWithSameIdempotencyKey_ReturnsTheFirstResultWithoutA409()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        using var pause = await PostAsync(ActorRole.OnCall, rollout.Id, "pause", null);
        var idempotencyKey = Guid.NewGuid().ToString();

        using var first = await PostAsync(ActorRole.OnCall, rollout.Id, "resume", null, idempotencyKey);
        using var repeat = await PostAsync(ActorRole.OnCall, rollout.Id, "resume", null, idempotencyKey);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());

        // Without the key the same resume is a new request, which the table refuses: the rollout is no longer paused.
        using var fresh = await PostAsync(ActorRole.OnCall, rollout.Id, "resume", null);
        await ProblemAssert.IsProblemAsync(fresh, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RetryRollout_UnknownRollout_Returns404WithTheId()
    {
        var id = Guid.NewGuid();

        using var response = await PostAsync(ActorRole.ReleaseManager, id, "retry", null);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(id, problem.GetProperty("rolloutId").GetGuid());
    }

    [Fact]
    public async Task PauseRollout_MalformedJson_Returns400Problem()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));

        using var response = await PostAsync(ActorRole.OnCall, rollout.Id, "pause", """{"reason": """);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.DoesNotContain("   at ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseRollout_NonJsonBody_Returns415Problem()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.OnCall));

        using var response = await client.PostAsync(
            new Uri($"/api/v1/rollouts/{rollout.Id}/pause", UriKind.Relative),
            new StringContent("reason=because", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<HttpResponseMessage> PostAsync(ActorRole role, Guid id, string action, string? body, string? idempotencyKey = null)
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(role));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/rollouts/{id}/{action}");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private async Task<AuditLog> AuditAsync(Guid id)
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Viewer));
        return (await client.GetFromJsonAsync<AuditLog>($"/api/v1/rollouts/{id}/audit", Json))!;
    }
}
