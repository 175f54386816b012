using System.Text.Json;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// The README's main command: <c>demo</c> (and <c>demo --scenario faulty</c>) as a user runs it, a child process with
/// real scoring processes and real traffic, judged by its <c>--json</c> summary (issue 5, item 7).
/// </summary>
public sealed class DemoCommandTests
{
    /// <summary>The demo promises to end within two minutes; this only stops a hung run from hanging the suite.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Demo_Healthy_SucceedsWithGreenServingEverythingAndBlueGone()
    {
        var (exitCode, summary, progress) = await RunDemoAsync();

        Assert.True(exitCode == 0, $"exit code {exitCode}; progress:\n{progress}");
        Assert.Equal("Succeeded", summary.GetProperty("finalState").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("rollbackReason").ValueKind);
        Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, Traffic(summary));
        Assert.Equal(["green"], summary.GetProperty("deployments").EnumerateArray().Select(d => d.GetString()));
        Assert.True(summary.GetProperty("stepsCompleted").GetInt32() >= 6, summary.ToString());
    }

    [Fact]
    public async Task Demo_Faulty_RollsBackToBlueWithTheFailedGateNamed()
    {
        var (exitCode, summary, progress) = await RunDemoAsync("--scenario", "faulty");

        // docs/cli.md: 0 when the scenario ended as expected (here: rolled back).
        Assert.True(exitCode == 0, $"exit code {exitCode}; progress:\n{progress}");
        Assert.Equal("RolledBack", summary.GetProperty("finalState").GetString());
        Assert.Contains("gate", summary.GetProperty("rollbackReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, Traffic(summary));
        Assert.Contains("blue", summary.GetProperty("deployments").EnumerateArray().Select(d => d.GetString()));
    }

    private static Dictionary<string, int> Traffic(JsonElement summary) =>
        summary.GetProperty("traffic").EnumerateObject().Where(p => p.Value.GetInt32() > 0).ToDictionary(p => p.Name, p => p.Value.GetInt32());

    private static async Task<(int ExitCode, JsonElement Summary, string Progress)> RunDemoAsync(params string[] arguments)
    {
        var data = Directory.CreateTempSubdirectory("orchestrator-demo-test-");
        try
        {
            var (exitCode, output, progress) = await DotnetCommand.RunAsync(DotnetCommand.For("Orchestrator.dll", ["demo", "--json", "--data", data.FullName, .. arguments]), Deadline);
            using var json = JsonDocument.Parse(output);
            return (exitCode, json.RootElement.Clone(), progress);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
