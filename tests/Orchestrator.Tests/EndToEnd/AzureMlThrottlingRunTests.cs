namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// Issue 4, "Tests cover": a throttling storm (429 with <c>Retry-After</c>) and 409 "another operation is in progress"
/// answers while the endpoint is created and while its traffic changes are waited out, and the rollout still
/// finishes as the walkthrough does, each change applied exactly once.
/// </summary>
public sealed class AzureMlThrottlingRunTests : AzureMlRunTestBase
{
    protected override Task PrepareAsync() => Harness.WritePlanAsync(AzureMlRunHarness.Plan("3s"));

    [Fact]
    public async Task Run_ThrottlingStormAndConflicts_SucceedsWithEachChangeAppliedOnce()
    {
        // A first wave meets the endpoint's creation; a second the traffic updates of the mirror and canary steps.
        var knobs = Harness.Emulator.Knobs;
        knobs.ThrottleNext(4);
        knobs.ConflictNext(3);
        using var run = Harness.Start();
        await run.WaitForProgressAsync("Shadowing");
        knobs.ThrottleNext(4);
        knobs.ConflictNext(3);

        var result = await run.WaitAsync();

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("Succeeded", result.FinalState);
        Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, result.Map("traffic"));
        Assert.Empty(result.Map("mirror"));
        Assert.Equal(AzureMlRunHarness.Walkthrough, Harness.Mutations(accepted: true));

        // The storm was real: every injected answer was given, and conflicts met traffic updates, not only creation.
        var entries = Harness.Emulator.Requests.Entries;
        Assert.Equal(8, entries.Count(r => r.Status == 429));
        Assert.Equal(6, entries.Count(r => r.Status == 409));
        Assert.Contains(entries, r => r.Status == 409 && r.Body is { } body && body.Contains("\"traffic\"", StringComparison.Ordinal));
    }
}
