using AzureMlEmulator;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Issue 4's "Done when": the real <c>run</c> verb, as a child process, drives an Azure ML plan against the emulator
/// over HTTPS (extra trusted CA, pre-obtained token file) from an empty workspace, as the safe-rollout walkthrough
/// begins. The emulator scores steady load on the endpoint itself so the gates have Azure Monitor data.
/// </summary>
public sealed class AzureMlRunTests : AzureMlRunTestBase
{
    private EmulatorHost Emulator => Harness.Emulator;

    protected override Task PrepareAsync() => Harness.WritePlanAsync(AzureMlRunHarness.Plan("5s"));

    [Fact]
    public async Task Run_HealthyGreen_SucceedsWithTheWalkthroughsRestCalls()
    {
        var result = await Harness.RunAsync();

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("Succeeded", result.FinalState);
        Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, result.Map("traffic"));
        Assert.Empty(result.Map("mirror"));
        Assert.Equal(["green"], result.Summary.GetProperty("deployments").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(AzureMlRunHarness.Walkthrough, Harness.Mutations());
    }

    [Fact]
    public async Task Run_GreenWithInjectedLatency_RollsBackToBlueWithoutMirror()
    {
        Emulator.Knobs.InjectLatency("green", TimeSpan.FromMilliseconds(400));

        var result = await Harness.RunAsync();

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("RolledBack", result.FinalState);
        Assert.Contains("gate 'p99-latency' failed", result.RollbackReason, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, result.Map("traffic"));
        Assert.Empty(result.Map("mirror"));
        var (live, mirror) = Harness.Traffic();
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, live);
        Assert.Empty(mirror);

        // Green was rolled back while it shadowed blue: the last change puts everything back on blue, mirror reset.
        var mutations = Harness.Mutations();
        Assert.Equal("PUT endpoint traffic={blue:100} mirror={green:10}", mutations[^2]);
        Assert.Equal("PUT endpoint traffic={blue:100} mirror={}", mutations[^1]);
    }

    [Fact]
    public async Task Run_TerminatedWhileShadowing_AbortsAndRollsBackToBlue()
    {
        await Harness.WritePlanAsync(AzureMlRunHarness.Plan("10m"));
        using var run = Harness.Start();
        await run.WaitForProgressAsync("Shadowing");

        await run.TerminateAsync();
        var result = await run.WaitAsync();

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("RolledBack", result.FinalState);
        Assert.Contains("interrupted", result.RollbackReason, StringComparison.Ordinal);
        var (live, mirror) = Harness.Traffic();
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, live);
        Assert.Empty(mirror);
    }
}
