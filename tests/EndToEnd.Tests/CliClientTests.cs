using System.Text.Json;
using EndToEnd.Tests.Support;
using Orchestrator.Rollouts;

namespace EndToEnd.Tests;

/// <summary>
/// The <c>rollouts</c> verbs as separate processes against the real service: a CI retry of submit with the same
/// request id, an on-call abort from the command line, and a watch that ends with run's exit code.
/// </summary>
public sealed class CliClientTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IDisposable
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromMinutes(4);
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-e2e-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Rollouts_SubmitTwiceAbortAndWatch_OneRolloutRolledBackByTheCliWithWatchExiting1()
    {
        var plan = new TestPlan("e2e-cli") { CanaryBake = TimeSpan.FromSeconds(120) };
        var planFile = Path.Combine(_folder, "plan.yaml");
        await File.WriteAllTextAsync(planFile, plan.ToYaml());
        var releaser = (await service.Admin.CreateKeyAsync("e2e-cli-releaser", "release-manager")).Key;
        var onCall = (await service.Admin.CreateKeyAsync("e2e-cli-on-call", "on-call")).Key;
        await using var traffic = service.StartTraffic(plan.Endpoint);

        var submitted = await RunAsync(releaser, "rollouts", "submit", planFile, "--request-id", "e2e-cli-build-7", "--json");
        var retried = await RunAsync(releaser, "rollouts", "submit", planFile, "--request-id", "e2e-cli-build-7", "--json");
        Assert.True(submitted.ExitCode == 0, submitted.Error);
        var id = JsonDocument.Parse(submitted.Output).RootElement.GetProperty("id").GetGuid();

        var watching = RunAsync(onCall, "rollouts", "watch", id.ToString(), "--interval", "1");
        await new RolloutWatch(service, id).UntilBakingAsync(RolloutPhase.Canary, TestPlan.CanaryStep);
        var noReason = await RunAsync(onCall, "rollouts", "abort", id.ToString());
        var aborted = await RunAsync(onCall, "rollouts", "abort", id.ToString(), "--reason", "p99 alert on the green pods");
        var watched = await watching;
        var audit = await RunAsync(onCall, "rollouts", "audit", id.ToString());

        await service.VerifyAsync(id, () =>
        {
            Assert.True(retried.ExitCode == 0, retried.Error);
            Assert.Equal(id, JsonDocument.Parse(retried.Output).RootElement.GetProperty("id").GetGuid());
            Assert.Equal(2, noReason.ExitCode);
            Assert.True(aborted.ExitCode == 0, aborted.Error);
            Assert.Contains("is RollingBack", aborted.Output, StringComparison.Ordinal);
            Assert.True(watched.ExitCode == 1, watched.Output + watched.Error);
            Assert.StartsWith($"watching rollout {id}: blue → green on local/e2e-cli", watched.Output, StringComparison.Ordinal);

            // Which states the polls saw depends on when they fell (a local rollback takes milliseconds), but the
            // watcher follows the audit log: every transition is printed, in order, the short RollingBack included.
            Assert.Contains($"rollout {id} ended RolledBack", watched.Output, StringComparison.Ordinal);
            var transitions = watched.Output.Split('\n').Where(l => l.Contains("   audit ", StringComparison.Ordinal)).ToList();
            var submit = transitions.FindIndex(l => l.Contains("audit Submit → Pending", StringComparison.Ordinal) && l.Contains("by e2e-cli-releaser (release-manager via Cli)", StringComparison.Ordinal));
            var abort = transitions.FindIndex(l => l.Contains("audit Abort Canary → RollingBack", StringComparison.Ordinal) && l.EndsWith("by e2e-cli-on-call (on-call via Cli): p99 alert on the green pods", StringComparison.Ordinal));
            var rolledBack = transitions.FindIndex(l => l.Contains("RollingBack → RolledBack", StringComparison.Ordinal));
            Assert.True(submit >= 0 && abort > submit && rolledBack > abort, watched.Output);
            var rows = audit.Output.Split('\n');
            Assert.Single(rows, r => r.Contains(" e2e-cli-releaser ", StringComparison.Ordinal) && r.Contains(" Cli ", StringComparison.Ordinal) && r.Contains(" Submit ", StringComparison.Ordinal));
            Assert.Single(rows, r => r.Contains(" e2e-cli-on-call ", StringComparison.Ordinal) && r.Contains(" Cli ", StringComparison.Ordinal) && r.Contains(" Abort ", StringComparison.Ordinal));
        });
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string key, params string[] arguments)
    {
        var info = DotnetCommand.For("Orchestrator.dll", arguments);
        info.Environment["ORCHESTRATOR_URL"] = service.Service.BaseAddress.ToString();
        info.Environment["ORCHESTRATOR_API_KEY"] = key;
        return DotnetCommand.RunAsync(info, ProcessDeadline);
    }
}
