using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Endpoints;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.GetRollout;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Policies.Gates;
using Tests.Common;

namespace Orchestrator.Api.Tests;

/// <summary>The read routes over real HTTP, with a test clock and a target the test controls.</summary>
public sealed class GetRolloutTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = ApiJson.Options;
    private readonly TestClock _clock = new(TestRollouts.Start);
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ApiTestHost.StartAsync(new ApiTestHostOptions(Time: _clock, Settings: new Dictionary<string, string?> { ["Orchestrator:Api:ActualTrafficTimeout"] = "00:00:05" }));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetRollout_InCanaryBake_ShowsStepBakeDesiredAndActualTraffic()
    {
        var rollout = await _host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2, stepStartedAt: TestRollouts.Start));
        _host.Targets.GetState = (target, _) => Task.FromResult<EndpointState?>(new EndpointState(
            target.Endpoint, EndpointCompute.Managed, ProvisioningState.Succeeded, TrafficSplit.Create([new("blue", 90), new("green", 10)]),
            [new DeploymentStatus("blue", ProvisioningState.Succeeded, 1), new DeploymentStatus("green", ProvisioningState.Succeeded, 1)], null));
        _clock.Advance(TimeSpan.FromMinutes(4));

        var view = await GetAsync(rollout.Id);

        Assert.Equal(RolloutPhase.Canary, view.State);
        Assert.Equal((2, "traffic"), (view.StepIndex, view.StepKind));
        Assert.Equal(TimeSpan.FromMinutes(10), view.BakeTime);
        Assert.Equal(TimeSpan.FromMinutes(6), view.BakeRemaining);
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 90, ["green"] = 10 }, view.DesiredTraffic.Live);
        Assert.True(view.ActualTraffic.Known);
        Assert.Equal(10, view.ActualTraffic.Traffic!.Live["green"]);
        Assert.Equal(5, view.Steps.Count);
        Assert.Contains("pause", view.PermittedActions);
        Assert.Contains("promote", view.PermittedActions);
        Assert.DoesNotContain("resume", view.PermittedActions);
    }

    [Theory]
    [InlineData(RolloutPhase.RolledBack)]
    [InlineData(RolloutPhase.RollingBack)]
    [InlineData(RolloutPhase.Succeeded)]
    public async Task GetRollout_NotBaking_HasNoBakeTimeOrTimeLeft(RolloutPhase phase)
    {
        // A rollout rolled back mid-bake kept showing the bake's time left counting down.
        var rollout = await _host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), phase, stepIndex: 2, stepStartedAt: TestRollouts.Start));
        _clock.Advance(TimeSpan.FromMinutes(4));

        var view = await GetAsync(rollout.Id);

        Assert.Equal(phase, view.State);
        Assert.Null(view.BakeTime);
        Assert.Null(view.BakeRemaining);
    }

    [Fact]
    public async Task GetRollout_TargetThrows_Returns200WithActualUnknownAndTheReason()
    {
        var rollout = await _host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Shadowing, stepIndex: 1));
        _host.Targets.GetState = (_, _) => throw new HttpRequestException("connection refused (127.0.0.1:1)");

        var view = await GetAsync(rollout.Id);

        Assert.False(view.ActualTraffic.Known);
        Assert.Null(view.ActualTraffic.Traffic);
        Assert.Contains("connection refused", view.ActualTraffic.Reason, StringComparison.Ordinal);
        Assert.Equal(10, view.DesiredTraffic.Mirror["green"]);
    }

    [Fact]
    public async Task GetRollout_TargetHangs_Returns200WithActualUnknownOnceTheTimeoutPasses()
    {
        var rollout = await _host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Targets.GetState = async (_, cancellationToken) =>
        {
            asked.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return null;
        };

        var pending = GetAsync(rollout.Id);
        await asked.Task.WaitAsync(TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var view = await pending.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(view.ActualTraffic.Known);
        Assert.Contains("did not answer within 5 s", view.ActualTraffic.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRollout_EndpointMissing_ShowsActualUnknownAndBaselineDesiredWhilePending()
    {
        var rollout = await _host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint()));
        _host.Targets.GetState = (_, _) => Task.FromResult<EndpointState?>(null);

        var view = await GetAsync(rollout.Id);

        Assert.Equal(RolloutPhase.Pending, view.State);
        Assert.Null(view.StepKind);
        Assert.Equal("the endpoint does not exist", view.ActualTraffic.Reason);
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, view.DesiredTraffic.Live);
    }

    [Fact]
    public async Task GetRollout_UnknownId_Returns404Problem()
    {
        var id = Guid.NewGuid();

        using var response = await (await ViewerAsync()).GetAsync(new Uri($"/api/v1/rollouts/{id}", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGateHistory_RoundsOfTwoSteps_ListsThemOldestFirstWithStepAndVerdict()
    {
        var rollout = await _host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        await _host.Store.AppendGateRoundAsync(rollout.Id, 1, Round(TestRollouts.Start.AddMinutes(1), GateVerdict.Pass));
        await _host.Store.AppendGateRoundAsync(rollout.Id, 2, Round(TestRollouts.Start.AddMinutes(12), GateVerdict.Fail));

        var history = await (await ViewerAsync()).GetFromJsonAsync<GateHistory>($"/api/v1/rollouts/{rollout.Id}/gates", Json);
        var stepTwo = await (await ViewerAsync()).GetFromJsonAsync<GateHistory>($"/api/v1/rollouts/{rollout.Id}/gates?step=2", Json);
        var view = await GetAsync(rollout.Id);

        Assert.Equal([(1, GateVerdict.Pass), (2, GateVerdict.Fail)], history!.Rounds.Select(r => (r.StepIndex, r.Verdict)));
        Assert.Equal(412, history.Rounds[1].Evaluations[0].Observed);
        Assert.Equal(2, Assert.Single(stepTwo!.Rounds).StepIndex);
        Assert.Equal(GateVerdict.Fail, view.LastGateRound!.Verdict);
    }

    [Fact]
    public async Task GetGateHistory_StepOutOfRange_Returns400NamingStep()
    {
        var rollout = await _host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));

        using var response = await (await ViewerAsync()).GetAsync(new Uri($"/api/v1/rollouts/{rollout.Id}/gates?step=9", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["step"], problem.ErrorFields());
        Assert.Equal(
            "must be a stepIndex from 0 to 4, counting from 0 (rollouts gates --step counts from 1: 1 to 5)",
            problem.GetProperty("errors").GetProperty("step")[0].GetString());
    }

    [Fact]
    public async Task ListRollouts_FilterByStateAndEndpoint_ReturnsOnlyMatches()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        var canary = await _host.InsertAsync(TestRollouts.Create(endpoint, RolloutPhase.Canary, stepIndex: 2));
        var other = await _host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));

        var byEndpoint = await (await ViewerAsync()).GetFromJsonAsync<RolloutList>($"/api/v1/rollouts?endpoint={endpoint.ToUpperInvariant()}", Json);
        var byState = await (await ViewerAsync()).GetFromJsonAsync<RolloutList>("/api/v1/rollouts?state=canary", Json);
        var none = await (await ViewerAsync()).GetFromJsonAsync<RolloutList>($"/api/v1/rollouts?state=Paused&endpoint={endpoint}", Json);

        Assert.Equal([canary.Id], byEndpoint!.Rollouts.Select(r => r.Id));
        Assert.Contains(other.Id, byState!.Rollouts.Select(r => r.Id));
        Assert.All(byState.Rollouts, r => Assert.Equal(RolloutPhase.Canary, r.State));
        Assert.Empty(none!.Rollouts);
    }

    [Fact]
    public async Task ListRollouts_UnknownStateAndBadLimit_Returns400NamingBoth()
    {
        using var badState = await (await ViewerAsync()).GetAsync(new Uri("/api/v1/rollouts?state=Baking", UriKind.Relative));
        using var badLimit = await (await ViewerAsync()).GetAsync(new Uri("/api/v1/rollouts?limit=0", UriKind.Relative));

        var stateProblem = await ProblemAssert.IsProblemAsync(badState, HttpStatusCode.BadRequest);
        var limitProblem = await ProblemAssert.IsProblemAsync(badLimit, HttpStatusCode.BadRequest);
        Assert.Equal(["state"], stateProblem.ErrorFields());
        Assert.Contains("Canary", stateProblem.GetProperty("errors").GetProperty("state")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["limit"], limitProblem.ErrorFields());
    }

    private static GateRound Round(DateTimeOffset at, GateVerdict verdict) => new(
        at,
        [new GateEvaluation("p99-absolute", GateMetric.LatencyP99Ms, verdict, verdict == GateVerdict.Fail ? 412 : 120, null, 500, 80, at.AddMinutes(-2), at, "p99")]);

    private async Task<HttpClient> ViewerAsync() => _host.Client(await _host.KeyAsync(ActorRole.Viewer));

    private async Task<RolloutView> GetAsync(Guid id)
    {
        using var response = await (await ViewerAsync()).GetAsync(new Uri($"/api/v1/rollouts/{id}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<RolloutView>(body, Json)!;
    }
}
