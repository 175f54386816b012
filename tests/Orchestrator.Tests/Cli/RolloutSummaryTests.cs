using System.Text.Json;
using Orchestrator.Rollouts;

namespace Orchestrator.Cli.Tests;

/// <summary>The <c>--json</c> summary of run and demo (docs/cli.md).</summary>
public sealed class RolloutSummaryTests
{
    [Fact]
    public void ToJson_ReasonWithQuotesAndPlus_KeepsThemAsWritten()
    {
        const string reason = "gate 'p95-vs-baseline' failed: latency_p95_ms 547.5 ms exceeds baseline 13.193 ms + 250 ms = 263.193 ms";
        var summary = new RolloutSummary(Guid.NewGuid(), "demo", RolloutPhase.RolledBack, 3, 6, reason,
            new Dictionary<string, int> { ["blue"] = 100 }, new Dictionary<string, int>(), ["blue", "green"], 21.4);

        var json = summary.ToJson();

        Assert.Contains(reason, json, StringComparison.Ordinal);
        Assert.Equal(reason, JsonDocument.Parse(json).RootElement.GetProperty("rollbackReason").GetString());
    }
}
