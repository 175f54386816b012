using EndToEnd.Tests.Support;
using Orchestrator.Rollouts;

namespace EndToEnd.Tests;

/// <summary>
/// The web dashboard in a real browser (Debian's chromium, driven by playwright-core from node) against the real
/// service with a real local rollout: an on-call engineer pauses, resumes and aborts from the page; a viewer sees no
/// buttons; a release manager sees Retry and the field errors of a bad plan; a bad key is sent back to the key prompt. Screenshots land in the test output (dashboard-screenshots/).
/// </summary>
[Collection(nameof(DashboardBrowserTests))]
public sealed class DashboardBrowserTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string OnCallName = "dashboard-on-call";
    private const string PauseReason = "dashboard test: holding for a look";
    private const string AbortReason = "dashboard test: abort";

    [Fact]
    public async Task Dashboard_OnCallPausesResumesAndAborts_RolloutEndsRolledBackWithTheActorsInTheAuditLog()
    {
        Assert.True(DashboardWalkthrough.MissingPrerequisite() is null, DashboardWalkthrough.MissingPrerequisite());
        var screenshots = Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");
        if (Directory.Exists(screenshots))
        {
            Directory.Delete(screenshots, recursive: true);
        }

        // A canary bake far longer than the walk, and blindness tolerated as long, so only the page's actions move it.
        var plan = new TestPlan("e2e-dashboard") { CanaryBake = TimeSpan.FromMinutes(20), MaxBlind = TimeSpan.FromMinutes(20) };
        await using var traffic = service.StartTraffic(plan.Endpoint);
        var rollout = await service.ReleaseManager.SubmitAsync(plan.ToYaml());
        var watch = new RolloutWatch(service, rollout.Id);
        await watch.UntilBakingAsync(RolloutPhase.Canary, TestPlan.CanaryStep);
        var onCall = await service.Admin.CreateKeyAsync(OnCallName, "on-call");
        var viewer = await service.Admin.CreateKeyAsync("dashboard-viewer", "viewer");
        var releaseManager = await service.Admin.CreateKeyAsync("dashboard-release-manager", "release-manager");

        var (exitCode, output) = await DashboardWalkthrough.RunAsync(new Dictionary<string, string>
        {
            ["DASHBOARD_URL"] = service.Service.BaseAddress.ToString(),
            ["DASHBOARD_ON_CALL_KEY"] = onCall.Key,
            ["DASHBOARD_ON_CALL_NAME"] = OnCallName,
            ["DASHBOARD_VIEWER_KEY"] = viewer.Key,
            ["DASHBOARD_RELEASE_MANAGER_KEY"] = releaseManager.Key,
            ["DASHBOARD_ROLLOUT_ID"] = rollout.Id.ToString(),
            ["DASHBOARD_ENDPOINT"] = plan.Endpoint,
            ["DASHBOARD_SCREENSHOTS"] = screenshots,
            ["DASHBOARD_CHROMIUM"] = DashboardWalkthrough.Chromium,
        });

        var done = await watch.UntilEndedAsync();
        var audit = await service.Viewer.GetAuditAsync(rollout.Id);
        await service.VerifyAsync(rollout.Id, () =>
        {
            Assert.True(exitCode == 0, $"the walkthrough exited {exitCode}:\n{output}");
            Assert.Contains("dashboard walkthrough passed", output, StringComparison.Ordinal);
            Assert.Equal(RolloutPhase.RolledBack, done.State);
            Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, done.ActualTraffic.Traffic!.Live);

            var pause = Assert.Single(audit.Events, e => e.Action == "Pause");
            Assert.Equal((OnCallName, "on-call", PauseReason), (pause.Actor, pause.Role, pause.Reason));
            var resume = Assert.Single(audit.Events, e => e.Action == "Resume");
            Assert.Equal((OnCallName, RolloutPhase.Paused, RolloutPhase.Canary), (resume.Actor, resume.FromState, resume.ToState));
            var abort = Assert.Single(audit.Events, e => e.Action == "Abort");
            Assert.Equal((OnCallName, AbortReason, RolloutPhase.Canary), (abort.Actor, abort.Reason, abort.FromState));
            // The page sends X-Orchestrator-Client: dashboard, so its actions are told apart from scripts on the API.
            Assert.All([pause, resume, abort], e => Assert.Equal("Dashboard", e.Source));
            Assert.DoesNotContain(audit.Events, e => e.Actor is "dashboard-viewer" or "dashboard-release-manager");
            Assert.All(["list.png", "paused.png", "rolled-back.png", "submit-errors.png"], name => Assert.True(
                new FileInfo(Path.Combine(screenshots, name)) is { Exists: true, Length: > 10_000 }, $"the screenshot {name} is missing or empty"));
        });
    }
}
