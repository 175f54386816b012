using System.Text.Json;
using Orchestrator.Api.Tests;
using Orchestrator.Features.Rollouts.GetRollout;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Cli.Client.Tests;

/// <summary><c>rollouts list|get|gates|audit</c> against the API on real loopback HTTP.</summary>
public sealed class RolloutReadCommandsTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private ApiTestHost Host => fixture.Host;

    [Fact]
    public async Task List_StateAndEndpointFilters_PrintsATableOfTheMatchingRolloutsOnly()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        var canary = await Host.InsertAsync(TestRollouts.Create(endpoint, RolloutPhase.Canary, stepIndex: 2));
        var rolledBack = await Host.InsertAsync(TestRollouts.Create(endpoint, RolloutPhase.RolledBack, stepIndex: 1));
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer);

        var run = await cli.RunAsync("list", "--state", "canary", "--endpoint", endpoint);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(canary.Id.ToString(), row, StringComparison.Ordinal);
        Assert.Contains("Canary", row, StringComparison.Ordinal);
        Assert.Contains("3/5 traffic", row, StringComparison.Ordinal);
        Assert.DoesNotContain(rolledBack.Id.ToString(), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownState_Exits2WithTheApiFieldErrorOnOneLine()
    {
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer);

        var run = await cli.RunAsync("list", "--state", "Sideways");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("(400)", line, StringComparison.Ordinal);
        Assert.Contains("state: 'Sideways' is not a state", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CanaryRollout_PrintsStateStepDesiredAndActualTrafficAndLastVerdicts()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        await Host.Store.AppendGateRoundAsync(rollout.Id, 2, GateRounds.P99(TestRollouts.Start.AddMinutes(3), GateVerdict.Pass, 120));
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer);

        var run = await cli.RunAsync("get", rollout.Id.ToString());

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("State     Canary", run.Output, StringComparison.Ordinal);
        Assert.Contains("Step      3/5 traffic 10%, bake 0s left of 10m", run.Output, StringComparison.Ordinal);
        Assert.Contains("Desired   blue 90%, green 10%; mirror none", run.Output, StringComparison.Ordinal);
        Assert.Contains("Actual    blue 100%; mirror none", run.Output, StringComparison.Ordinal);
        Assert.Contains("Gates     Pass at 2026-01-01 00:03:00Z (step 3 traffic): p99-absolute Pass 120 vs 500 (n=80)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Actions   pause, abort, promote", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Json_PrintsTheApiJsonAsItCame()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Shadowing, stepIndex: 1));
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer);

        var run = await cli.RunAsync("get", rollout.Id.ToString(), "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var view = JsonSerializer.Deserialize<RolloutView>(run.Output, ApiJson.Options)!;
        Assert.Equal((rollout.Id, RolloutPhase.Shadowing), (view.Id, view.State));
        Assert.Equal(10, view.DesiredTraffic.Mirror["green"]);
    }

    [Fact]
    public async Task Get_UnknownRollout_Exits4WithOneLine()
    {
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer);
        var id = Guid.NewGuid();

        var run = await cli.RunAsync("get", id.ToString());

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: Not found (404)", line, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NotAGuid_Exits2WithoutAKeyOrARequest()
    {
        // No key either: the id is refused first, so nothing reaches a server.
        var run = await new ClientCli(Host, key: null).RunAsync("get", "0193f5d2");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("'0193f5d2' is not a rollout id", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gates_RoundsOfTwoSteps_PrintsEveryGateWithItsNumbersAndFiltersByStep()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        await Host.Store.AppendGateRoundAsync(rollout.Id, 1, GateRounds.P99(TestRollouts.Start.AddMinutes(1), GateVerdict.Pass, 120));
        await Host.Store.AppendGateRoundAsync(rollout.Id, 2, GateRounds.P99(TestRollouts.Start.AddMinutes(12), GateVerdict.Fail, 412.5));
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer);

        var all = await cli.RunAsync("gates", rollout.Id.ToString());
        var stepThree = await cli.RunAsync("gates", rollout.Id.ToString(), "--step", "3");

        Assert.True(all.ExitCode == ExitCodes.Success, all.Error);
        var rows = all.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.Matches(@"^AT\s+STEP\s+ROUND\s+GATE\s+VERDICT\s+OBSERVED\s+BASELINE\s+THRESHOLD\s+SAMPLES\s+REASON$", rows[0]);
        Assert.Matches(@"^2026-01-01 00:01:00Z\s+2 mirror\s+Pass\s+p99-absolute\s+Pass\s+120\s+-\s+500\s+80\s+p99$", rows[1]);
        Assert.Matches(@"^2026-01-01 00:12:00Z\s+3 traffic\s+Fail\s+p99-absolute\s+Fail\s+412.5\s+-\s+500\s+80\s+p99$", rows[2]);
        Assert.DoesNotContain("00:01:00Z", stepThree.Output, StringComparison.Ordinal);
        Assert.Contains("00:12:00Z", stepThree.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ActionsFromTheCliAndFromPlainApiCalls_ShowSourcesCliAndApi()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var onCall = await ClientCli.ForAsync(Host, ActorRole.OnCall);
        Assert.Equal(ExitCodes.Success, (await onCall.RunAsync("pause", rollout.Id.ToString(), "--reason", "looking at p99")).ExitCode);
        using (var resume = await Host.Client(await Host.KeyAsync(ActorRole.OnCall)).PostAsync(new Uri($"/api/v1/rollouts/{rollout.Id}/resume", UriKind.Relative), null))
        {
            resume.EnsureSuccessStatusCode();
        }

        var run = await (await ClientCli.ForAsync(Host, ActorRole.Viewer)).RunAsync("audit", rollout.Id.ToString());

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var rows = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^AT\s+ACTOR\s+ROLE\s+SOURCE\s+ACTION\s+STATE\s+REASON$", rows[0]);
        Assert.Matches(@"\s+on-call-key\s+on-call\s+Cli\s+Pause\s+Canary → Paused\s+looking at p99$", Assert.Single(rows, r => r.Contains(" Pause ", StringComparison.Ordinal)));
        Assert.Matches(@"\s+on-call-key\s+on-call\s+Api\s+Resume\s+Paused → Canary", Assert.Single(rows, r => r.Contains(" Resume ", StringComparison.Ordinal)));
    }
}
