using System.Text;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Issue 4, "Tests cover": the ARM access token and the endpoint's data-plane keys never leave the process. A whole
/// rollout (smoke test included, so the keys are listed and used) runs with the service's own log lines on, and
/// neither secret appears on stdout, on stderr, in the audit records or anywhere in the run's data folder.
/// </summary>
public sealed class AzureMlSecretsRunTests : AzureMlRunTestBase
{
    protected override Task PrepareAsync() => Harness.WritePlanAsync(AzureMlRunHarness.Plan("2s"));

    [Fact]
    public async Task Run_VerboseHealthyRollout_NeverShowsTheTokenOrTheKeys()
    {
        var result = await Harness.RunAsync("--verbose");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        var (primary, secondary) = Harness.Emulator.Keys(AzureMlRunHarness.Subscription, AzureMlRunHarness.ResourceGroup, AzureMlRunHarness.Workspace, AzureMlRunHarness.Endpoint)!.Value;
        string[] secrets = [Harness.Token, primary, secondary];

        // The secrets were in play: the token authorized every call, the keys were listed for the smoke test.
        Assert.Contains(Harness.Emulator.Requests.Entries, r => r.Method == "POST" && r.Path.EndsWith("/listKeys", StringComparison.OrdinalIgnoreCase) && r.Succeeded);
        Assert.Contains("Orchestrator.Targets.AzureMl", result.Progress, StringComparison.Ordinal);

        var audit = await Harness.AuditAsync();
        Assert.NotEmpty(audit);
        var files = Directory.EnumerateFiles(Harness.DataDirectory, "*", SearchOption.AllDirectories).ToList();
        var data = string.Concat(files.Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains("my-endpoint", data, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.Progress, StringComparison.Ordinal);
            Assert.DoesNotContain(audit, a => (a.Reason ?? "").Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, data, StringComparison.Ordinal);
        }
    }
}
