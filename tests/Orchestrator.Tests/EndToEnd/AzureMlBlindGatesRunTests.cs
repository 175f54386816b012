namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Issue 4, "Tests cover": no evidence never promotes. With no load on the endpoint Azure Monitor answers empty
/// (Inconclusive), and with the metrics API down every query fails (SourceUnavailable); either way the gates hold
/// the mirror step past its bake, green never takes live traffic, and once the rollout has been blind longer than
/// the policy's max blind time it rolls back, naming the gates it could not judge.
/// </summary>
public sealed class AzureMlBlindGatesRunTests : AzureMlRunTestBase
{
    protected override double Load => 0;

    protected override async Task PrepareAsync()
    {
        Harness.SeedBlue();

        // The bake ends after 1 s; only the 6 s max blind time ends the hold.
        await Harness.WritePlanAsync(AzureMlRunHarness.Plan("1s", maxBlind: "6s", baselineSpec: false));
    }

    [Fact]
    public async Task Run_NoLoadOnTheEndpoint_HoldsThenRollsBackNamingTheBlindGates()
    {
        var result = await Harness.RunAsync();

        await AssertHeldThenRolledBackAsync(result, "Inconclusive", "inconclusive");
    }

    [Fact]
    public async Task Run_MetricsApiDown_SourceUnavailableHoldsThenRollsBack()
    {
        // Load is there, but no query gets through: each is answered 503 (retried once, then reported).
        Harness.Emulator.Knobs.SetLoad(AzureMlRunHarness.Endpoint, 20);
        Harness.Emulator.Knobs.MetricsFailure = "Metrics are unavailable for maintenance";
        Harness.Settings["ORCHESTRATOR_AzureMl__MaxRetries"] = "1";

        var result = await Harness.RunAsync();

        await AssertHeldThenRolledBackAsync(result, "SourceUnavailable", "unavailable");
    }

    private async Task AssertHeldThenRolledBackAsync(RunResult result, string verdict, string word)
    {
        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("RolledBack", result.FinalState);
        Assert.Contains("longer than the max blind time of 6s", result.RollbackReason, StringComparison.Ordinal);
        Assert.Contains($"gate 'p99-latency' {word}", result.RollbackReason, StringComparison.Ordinal);

        // Never promoted: green was mirrored, never given live traffic, and the rollback reset the mirror.
        Assert.Equal(
            [
                "PUT deployment green",
                "PUT endpoint traffic={blue:100} mirror={green:10}",
                "PUT endpoint traffic={blue:100} mirror={}",
            ],
            Harness.Mutations());
        var (live, mirror) = Harness.Traffic();
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, live);
        Assert.Empty(mirror);

        // Every gate of every round said the same. The step held well past its 1 s bake: only blindness ended it.
        var verdicts = await Harness.VerdictsAsync();
        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Equal(verdict, v));
    }
}
