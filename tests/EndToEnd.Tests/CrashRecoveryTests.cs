using EndToEnd.Tests.Support;
using Orchestrator.Rollouts;

namespace EndToEnd.Tests;

/// <summary>
/// Issue 5, item 8 (invariant 5): kill -9 of the service in the middle of a bake. Its scoring processes notice and
/// exit; the service started again on the same data folder brings the endpoint and its deployments back, and the
/// rollout reaches the outcome it would have reached undisturbed, with no step applied twice.
/// </summary>
public sealed class CrashRecoveryTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task KillService_MidCanaryBake_RestartFinishesTheRolloutAndLeavesNoOrphanedScoringProcess()
    {
        // maxBlind outlasts the downtime: the measurements die with the process, and the restart must not read as blindness.
        var plan = new TestPlan("e2e-crash") { CanaryBake = TimeSpan.FromSeconds(10), MaxBlind = TimeSpan.FromSeconds(90) };
        await using var traffic = service.StartTraffic(plan.Endpoint);
        var rollout = await service.ReleaseManager.SubmitAsync(plan.ToYaml());
        var watch = new RolloutWatch(service, rollout.Id) { TolerateDowntime = true };
        await watch.UntilBakingAsync(RolloutPhase.Canary, TestPlan.CanaryStep);
        var before = await service.Admin.GetLocalEndpointAsync(plan.Endpoint);
        var oldProcesses = ProcessIds(before);

        await service.Service.KillHardAsync();
        await Eventually.UntilAsync(
            () => oldProcesses.All(DotnetCommand.HasExited),
            $"the scoring processes {string.Join(", ", oldProcesses)} of the killed service exited",
            () => service.ExplainAsync(rollout.Id));
        var servedBeforeRestart = traffic.Count("200");

        await service.StartAsync();
        var restored = await service.Admin.GetLocalEndpointAsync(plan.Endpoint);
        var done = await watch.UntilEndedAsync();
        var after = await service.Admin.GetLocalEndpointAsync(plan.Endpoint);
        var audit = await service.Viewer.GetAuditAsync(rollout.Id);

        await service.VerifyAsync(rollout.Id, () =>
        {
            Assert.Equal(2, oldProcesses.Count);

            // The endpoint came back with both deployments, each on a new process.
            Assert.NotNull(restored);
            Assert.Equal(["blue", "green"], restored.Deployments.Select(d => d.Name).Order());
            Assert.All(restored.Deployments, d => Assert.Equal(1, d.ReadyInstances));
            Assert.Empty(ProcessIds(restored).Intersect(oldProcesses));

            // The same outcome as undisturbed, each step once (a repeated tick after the crash applies nothing twice).
            Assert.Equal(RolloutPhase.Succeeded, done.State);
            Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, done.ActualTraffic.Traffic!.Live);
            Assert.Equal(AuditActions.HealthyPath, audit.Events.Select(e => e.Action));

            // Green serves on and blue's process is gone with it: nothing orphaned.
            Assert.NotNull(after);
            var green = Assert.Single(after.Deployments);
            Assert.Equal("green", green.Name);
            Assert.Equal(1, green.ReadyInstances);
            var blueProcesses = ProcessIds(restored).Except(ProcessIds(after)).ToList();
            Assert.All(blueProcesses, pid => Assert.True(DotnetCommand.HasExited(pid), $"blue's process {pid} outlived its deletion"));
            Assert.True(traffic.Count("200") > servedBeforeRestart, $"no request was served after the restart: {traffic}");
        });
    }

    private static List<int> ProcessIds(LocalEndpointDto? endpoint) =>
        [.. endpoint?.Deployments.SelectMany(d => d.Instances).Select(i => i.ProcessId ?? 0).Where(pid => pid > 0) ?? []];
}
