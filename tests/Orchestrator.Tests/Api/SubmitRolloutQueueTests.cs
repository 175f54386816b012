using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Rollouts;

namespace Orchestrator.Api.Tests;

/// <summary>POST /api/v1/rollouts with <c>onBusyEndpoint</c>: queue answers 202 behind the rollout ahead, reject keeps the 409.</summary>
public sealed class SubmitRolloutQueueTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly JsonSerializerOptions Json = ApiJson.Options;

    [Fact]
    public async Task SubmitRollout_QueuePlanForBusyEndpoint_Returns202QueuedNamingTheActiveRollout()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        var active = await SubmitExpectingAsync(TestRollouts.Yaml(endpoint), HttpStatusCode.Created);

        using var response = await SubmitAsync(QueuePlan(endpoint));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var queued = JsonSerializer.Deserialize<RolloutSummary>(body, Json)!;
        Assert.Equal((RolloutPhase.Queued, active.Id), (queued.State, queued.QueuedBehind));
        Assert.Equal($"/api/v1/rollouts/{queued.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal([active.Id], (await fixture.Host.Store.ListActiveAsync()).Where(r => r.Plan.Target.Endpoint == endpoint).Select(r => r.Id));

        // Listed and filterable like any other state.
        var viewer = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Viewer));
        var list = await viewer.GetFromJsonAsync<RolloutList>($"/api/v1/rollouts?state=queued&endpoint={endpoint}", Json);
        Assert.Equal([queued.Id], list!.Rollouts.Select(r => r.Id));
    }

    [Fact]
    public async Task SubmitRollout_SecondQueuedPlan_QueuesBehindTheLastInLine()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        await SubmitExpectingAsync(TestRollouts.Yaml(endpoint), HttpStatusCode.Created);
        var second = await SubmitExpectingAsync(QueuePlan(endpoint), HttpStatusCode.Accepted);

        var third = await SubmitExpectingAsync(QueuePlan(endpoint), HttpStatusCode.Accepted);

        Assert.Equal((RolloutPhase.Queued, second.Id), (third.State, third.QueuedBehind));
    }

    [Fact]
    public async Task SubmitRollout_QueuePlanForIdleEndpoint_Returns201Pending()
    {
        var started = await SubmitExpectingAsync(QueuePlan(TestRollouts.UniqueEndpoint()), HttpStatusCode.Created);

        Assert.Equal((RolloutPhase.Pending, (Guid?)null), (started.State, started.QueuedBehind));
    }

    [Fact]
    public async Task SubmitRollout_RejectPlanForBusyEndpoint_Returns409EvenWithOthersQueued()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        var active = await SubmitExpectingAsync(TestRollouts.Yaml(endpoint), HttpStatusCode.Created);
        await SubmitExpectingAsync(QueuePlan(endpoint), HttpStatusCode.Accepted);

        using var response = await SubmitAsync(TestRollouts.Yaml(endpoint) + "\nonBusyEndpoint: reject\n");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(active.Id, problem.GetProperty("activeRolloutId").GetGuid());
    }

    [Fact]
    public async Task SubmitRollout_UnknownBusyPolicy_Returns400NamingTheFieldAndTheChoices()
    {
        using var response = await SubmitAsync(TestRollouts.Yaml(TestRollouts.UniqueEndpoint()) + "\nonBusyEndpoint: wait\n");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["onBusyEndpoint"], problem.ErrorFields());
        Assert.Contains("reject, queue", problem.GetProperty("errors").GetProperty("onBusyEndpoint")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbortRollout_Queued_Returns200CancelledAndTheActiveRolloutRuns()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        var active = await SubmitExpectingAsync(TestRollouts.Yaml(endpoint), HttpStatusCode.Created);
        var queued = await SubmitExpectingAsync(QueuePlan(endpoint), HttpStatusCode.Accepted);
        var onCall = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.OnCall));

        using var response = await onCall.PostAsync(
            $"/api/v1/rollouts/{queued.Id}/abort", new StringContent("""{"reason":"superseded"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = await response.Content.ReadFromJsonAsync<RolloutSummary>(Json);
        Assert.Equal(RolloutPhase.Cancelled, cancelled!.State);
        Assert.Contains("superseded", cancelled.RollbackReason, StringComparison.Ordinal);
        Assert.Equal(RolloutPhase.Pending, (await fixture.Host.Store.GetAsync(active.Id))!.Phase);
    }

    private static string QueuePlan(string endpoint) => TestRollouts.Yaml(endpoint) + "\nonBusyEndpoint: queue\n";

    private async Task<RolloutSummary> SubmitExpectingAsync(string plan, HttpStatusCode expected)
    {
        using var response = await SubmitAsync(plan);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<RolloutSummary>(body, Json)!;
    }

    private async Task<HttpResponseMessage> SubmitAsync(string plan)
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.ReleaseManager));
        return await client.PostAsync("/api/v1/rollouts", new StringContent(plan, Encoding.UTF8, "application/yaml"));
    }
}
