namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Issue 4, "Tests cover": a step the service cannot carry out (provisioning ends Failed; a long-running operation
/// never ends) rolls the rollout back, seen the way a CI job sees it: the <c>run</c> verb against the emulator.
/// </summary>
public sealed class AzureMlStepFailureRunTests : AzureMlRunTestBase
{
    private const string QuotaMessage = "Not enough quota available for Standard_DS3_v2 in SubscriptionId 00000000. Current usage/limit: 4/4.";

    protected override async Task PrepareAsync()
    {
        Harness.SeedBlue();
        await Harness.WritePlanAsync(AzureMlRunHarness.Plan("2s", baselineSpec: false));
    }

    [Fact]
    public async Task Run_GreenProvisioningFails_RollsBackKeepingTheServiceMessage()
    {
        Harness.Emulator.Knobs.FailProvisioning("green", QuotaMessage);

        var result = await Harness.RunAsync();

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("RolledBack", result.FinalState);
        Assert.Contains("step 1 (deploy) failed", result.RollbackReason, StringComparison.Ordinal);
        Assert.Contains(QuotaMessage, result.RollbackReason, StringComparison.Ordinal);
        AssertBlueAlone(result);

        // Green never took traffic: its one PUT is the only change (a Failed provisioning is not retried).
        Assert.Equal(["PUT deployment green"], Harness.Mutations());
        Assert.Equal("Failed", Harness.Emulator.Deployments(AzureMlRunHarness.Subscription, AzureMlRunHarness.ResourceGroup, AzureMlRunHarness.Workspace, AzureMlRunHarness.Endpoint)["green"]);

        // The audit log keeps the service's words with the rollback, attributed to the scheduler.
        var audit = await Harness.AuditAsync();
        Assert.Contains(audit, a => a.ToState == "RollingBack" && a.Reason is { } r && r.Contains(QuotaMessage, StringComparison.Ordinal));
        Assert.Equal("RolledBack", audit[^1].ToState);
    }

    [Fact]
    public async Task Run_ProvisioningOperationNeverEnds_StepTimesOutAndRollsBack()
    {
        Harness.Emulator.Knobs.OperationsNeverFinish = true;
        Harness.Settings["ORCHESTRATOR_AzureMl__ProvisioningTimeout"] = "00:00:03";

        var result = await Harness.RunAsync();

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("RolledBack", result.FinalState);
        Assert.Contains("step 1 (deploy) failed", result.RollbackReason, StringComparison.Ordinal);
        Assert.Contains("did not finish within 00:00:03", result.RollbackReason, StringComparison.Ordinal);
        AssertBlueAlone(result);

        // The operation was polled, not re-sent: a PUT that may still be running is never applied twice.
        Assert.Equal(["PUT deployment green"], Harness.Mutations());
        Assert.Contains(Harness.Emulator.Requests.Entries, r => r.IsOperationPoll);
    }

    private void AssertBlueAlone(RunResult result)
    {
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, result.Map("traffic"));
        Assert.Empty(result.Map("mirror"));
        var (live, mirror) = Harness.Traffic();
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, live);
        Assert.Empty(mirror);
    }
}
