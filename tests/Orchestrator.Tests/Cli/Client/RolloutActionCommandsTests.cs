using Orchestrator.Api.Tests;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Cli.Client.Tests;

/// <summary><c>rollouts submit</c> and the human actions against the API on real loopback HTTP.</summary>
public sealed class RolloutActionCommandsTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-cli-client-").FullName;

    private ApiTestHost Host => fixture.Host;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("plan.yaml")]
    [InlineData("plan.json")]
    public async Task Submit_PlanFile_StartsTheRolloutAndPrintsItsId(string name)
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        var plan = WritePlan(name, name.EndsWith(".json", StringComparison.Ordinal) ? TestRollouts.Json(endpoint) : TestRollouts.Yaml(endpoint));
        var cli = await ClientCli.ForAsync(Host, ActorRole.ReleaseManager);

        var run = await cli.RunAsync("submit", plan);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var stored = Assert.Single(await Host.Store.ListAsync(new RolloutFilter(null, endpoint, 10)));
        Assert.Contains($"submitted: rollout {stored.Id} on local/{endpoint} is Pending", run.Output, StringComparison.Ordinal);
        Assert.Equal("release-manager-key", stored.SubmittedBy);
    }

    [Fact]
    public async Task Submit_PlanInItsOwnFolder_ResolvesItsRelativePathsAgainstThatFolder()
    {
        // The server's base directory (the test's output folder) has a model-2.json too: the plan's own must win.
        var endpoint = TestRollouts.UniqueEndpoint();
        var plan = WritePlan("plan.yaml", TestRollouts.Yaml(endpoint));
        var cli = await ClientCli.ForAsync(Host, ActorRole.ReleaseManager);

        var run = await cli.RunAsync("submit", plan);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var stored = Assert.Single(await Host.Store.ListAsync(new RolloutFilter(null, endpoint, 10)));
        Assert.Equal(Path.Combine(_folder, "samples", "models", "model-2.json"), stored.Plan.Candidate.Spec.Model);
    }

    [Fact]
    public async Task Submit_ServerPaths_ResolvesAgainstTheServersBaseDirectory()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        var plan = WritePlan("plan.yaml", TestRollouts.Yaml(endpoint));
        var cli = await ClientCli.ForAsync(Host, ActorRole.ReleaseManager);

        var run = await cli.RunAsync("submit", plan, "--server-paths");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var stored = Assert.Single(await Host.Store.ListAsync(new RolloutFilter(null, endpoint, 10)));
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "samples", "models", "model-2.json"), stored.Plan.Candidate.Spec.Model);
    }

    [Fact]
    public async Task Submit_ModelMissingBesideThePlan_Exits2NamingTheFieldAndThePlansFolder()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        var plan = WritePlan("plan.yaml", TestRollouts.Yaml(endpoint).Replace("samples/models/model-2.json", "models/missing.json", StringComparison.Ordinal));
        var cli = await ClientCli.ForAsync(Host, ActorRole.ReleaseManager);

        var run = await cli.RunAsync("submit", plan);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"candidate.spec.model: file 'models/missing.json' not found (resolved to {Path.Combine(_folder, "models", "missing.json")})", run.Error, StringComparison.Ordinal);
        Assert.Empty(await Host.Store.ListAsync(new RolloutFilter(null, endpoint, 10)));
    }

    [Fact]
    public async Task Submit_SameRequestIdTwice_ReturnsTheFirstRolloutAndStartsOnlyOne()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        var plan = WritePlan("plan.yaml", TestRollouts.Yaml(endpoint));
        var cli = await ClientCli.ForAsync(Host, ActorRole.ReleaseManager);

        var first = await cli.RunAsync("submit", plan, "--request-id", $"deploy-{endpoint}");
        var again = await cli.RunAsync("submit", plan, "--request-id", $"deploy-{endpoint}");

        Assert.True((first.ExitCode, again.ExitCode) == (ExitCodes.Success, ExitCodes.Success), first.Error + again.Error);
        var stored = Assert.Single(await Host.Store.ListAsync(new RolloutFilter(null, endpoint, 10)));
        Assert.Contains(stored.Id.ToString(), again.Output, StringComparison.Ordinal);
        Assert.Equal(first.Output, again.Output);
    }

    [Fact]
    public async Task Submit_InvalidPlan_Exits2NamingEveryFieldOnOneLine()
    {
        var plan = WritePlan("bad.yaml", TestRollouts.Yaml(TestRollouts.UniqueEndpoint()).Replace("instance_count: 1", "instance_count: 0", StringComparison.Ordinal)
            .Replace("name: green", "name: blue", StringComparison.Ordinal));
        var cli = await ClientCli.ForAsync(Host, ActorRole.ReleaseManager);

        var run = await cli.RunAsync("submit", plan);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: The request is invalid (400): 2 fields are invalid. — ", line, StringComparison.Ordinal);
        Assert.Contains("candidate.spec.instance_count: ", line, StringComparison.Ordinal);
        Assert.Contains("candidate.name: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_CanaryRollout_PausesItAndPrintsTheNewState()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var cli = await ClientCli.ForAsync(Host, ActorRole.OnCall);

        var run = await cli.RunAsync("pause", rollout.Id.ToString(), "--reason", "checking dashboards");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal($"paused: rollout {rollout.Id} on {rollout.EndpointKey} is Paused (step 3/5 traffic)", run.Output.Trim());
        Assert.Equal(RolloutPhase.Paused, (await Host.Store.GetAsync(rollout.Id))!.Phase);
    }

    [Fact]
    public async Task Pause_SameRequestIdTwice_SecondReturnsTheFirstResultInsteadOfAConflict()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var cli = await ClientCli.ForAsync(Host, ActorRole.OnCall);

        var first = await cli.RunAsync("pause", rollout.Id.ToString(), "--request-id", "page-4711");
        var again = await cli.RunAsync("pause", rollout.Id.ToString(), "--request-id", "page-4711");
        var fresh = await cli.RunAsync("pause", rollout.Id.ToString());

        Assert.True((first.ExitCode, again.ExitCode) == (ExitCodes.Success, ExitCodes.Success), first.Error + again.Error);
        Assert.Equal(first.Output, again.Output);
        Assert.Single(await Host.Store.GetAuditAsync(rollout.Id), e => e.Action == "Pause");

        // Without the same id it is a new request, which the state table refuses now.
        Assert.Equal(ExitCodes.Conflict, fresh.ExitCode);
    }

    [Fact]
    public async Task Pause_RolledBackRollout_Exits6NamingTheState()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.RolledBack, stepIndex: 2));
        var cli = await ClientCli.ForAsync(Host, ActorRole.OnCall);

        var run = await cli.RunAsync("pause", rollout.Id.ToString());

        Assert.Equal(ExitCodes.Conflict, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal(
            "error: The request conflicts with the current state (409): Pause is not permitted while the rollout is RolledBack.",
            Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Abort_WithoutReason_Exits2AndSendsNothing()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var cli = await ClientCli.ForAsync(Host, ActorRole.OnCall);

        var run = await cli.RunAsync("abort", rollout.Id.ToString());
        var blank = await cli.RunAsync("abort", rollout.Id.ToString(), "--reason", "  ");

        Assert.Equal((ExitCodes.InvalidInput, ExitCodes.InvalidInput), (run.ExitCode, blank.ExitCode));
        Assert.Equal("error: abort needs --reason \"<why>\" (it goes to the audit log); nothing was sent", run.Error.Trim());
        var stored = await Host.Store.GetAsync(rollout.Id);
        Assert.Equal((RolloutPhase.Canary, 0L), (stored!.Phase, stored.Version));
        Assert.Empty(await Host.Store.GetAuditAsync(rollout.Id));
    }

    [Fact]
    public async Task Abort_WithReason_RollsBackAndRecordsTheReason()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var cli = await ClientCli.ForAsync(Host, ActorRole.OnCall);

        var run = await cli.RunAsync("abort", rollout.Id.ToString(), "--reason", "p99 alert on the green pods");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("is RollingBack", run.Output, StringComparison.Ordinal);
        var abort = Assert.Single(await Host.Store.GetAuditAsync(rollout.Id), e => e.Action == "Abort");
        Assert.Equal(("p99 alert on the green pods", CommandSource.Cli, "on-call-key"), (abort.Reason, abort.Actor.Source, abort.Actor.Name));
    }

    [Fact]
    public async Task Promote_ViewerKey_Exits5WithTheRolesThatMay()
    {
        var rollout = await Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        var cli = await ClientCli.ForAsync(Host, ActorRole.Viewer);

        var run = await cli.RunAsync("promote", rollout.Id.ToString());

        Assert.Equal(ExitCodes.Unauthorized, run.ExitCode);
        Assert.Equal(
            "error: The API key's role does not permit this (403): The key 'viewer-key' may not do this; it needs one of the roles: release-manager, admin.",
            Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task List_UnknownKey_Exits5SayingTheKeyIsNotValid()
    {
        var run = await new ClientCli(Host, "rok_not-a-key-of-this-service").RunAsync("list");

        Assert.Equal(ExitCodes.Unauthorized, run.ExitCode);
        Assert.Equal(
            "error: An API key is required (401): The API key is not valid (unknown or revoked). Check $ORCHESTRATOR_API_KEY or --api-key-file.",
            Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task List_NoKeyAnywhere_Exits5BeforeSendingAnything()
    {
        var run = await new ClientCli(Host, key: null).RunAsync("list");

        Assert.Equal(ExitCodes.Unauthorized, run.ExitCode);
        Assert.StartsWith("error: no API key: set ORCHESTRATOR_API_KEY or pass --api-key-file <path>", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_KeyFromApiKeyFile_IsUsedInsteadOfTheVariable()
    {
        var file = WritePlan("key.txt", await Host.KeyAsync(ActorRole.Viewer) + "\n");

        var run = await new ClientCli(Host, "rok_wrong").RunAsync("list", "--api-key-file", file, "--endpoint", TestRollouts.UniqueEndpoint());
        var missing = await new ClientCli(Host, "rok_wrong").RunAsync("list", "--api-key-file", Path.Combine(_folder, "absent.txt"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal("no rollouts", run.Output.Trim());
        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Contains("absent.txt does not exist", missing.Error, StringComparison.Ordinal);
    }

    /// <summary>Writes the plan with the model it names (samples/models/model-2.json) beside it, as a user's plan folder holds it.</summary>
    private string WritePlan(string name, string text)
    {
        var models = Directory.CreateDirectory(Path.Combine(_folder, "samples", "models")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "models", "model-2.json"), Path.Combine(models, "model-2.json"), overwrite: true);
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
