using System.Globalization;
using Orchestrator.EndToEnd.Tests;
using Tests.Common;

namespace Orchestrator.Cli.Tests;

/// <summary>
/// <c>run</c> on the local target, as a real process: with <c>--traffic</c> it can succeed on its own; without traffic
/// it rolls back and says why in plain words; <c>--traffic</c> is refused where it cannot apply.
/// </summary>
public sealed class RunTrafficTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("run-traffic-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task Run_LocalPlanWithTraffic_SucceedsAndCountsWhatItSent()
    {
        using var run = RunVerbProcess.Start(WritePlan(), _data.FullName, new Dictionary<string, string>(), "--traffic", "20");

        var result = await run.WaitAsync();

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("Succeeded", result.FinalState);
        Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, result.Map("traffic"));
        var sent = result.Summary.GetProperty("syntheticTraffic");
        Assert.True(sent.GetProperty("sent").GetInt64() > 0, result.Output);
        Assert.Equal(0, sent.GetProperty("failed").GetInt64());
        Assert.Contains("body: samples/sample-request.json", result.Progress, StringComparison.Ordinal);
        Assert.Matches(@"endpoint run-traffic scores at POST http://127\.0\.0\.1:\d+/score", result.Progress);
        Assert.Contains("synthetic traffic: ", result.Progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LocalPlanWithoutTraffic_RollsBackNamingTheMissingTraffic()
    {
        using var run = RunVerbProcess.Start(WritePlan(), _data.FullName, new Dictionary<string, string>());

        var result = await run.WaitAsync();

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; progress:\n{result.Progress}");
        Assert.Equal("RolledBack", result.FinalState);
        Assert.Contains("min-traffic", result.RollbackReason, StringComparison.Ordinal);
        Assert.Matches(@"^no traffic reached the endpoint: pass --traffic or send requests to http://127\.0\.0\.1:\d+/score$", result.Summary.GetProperty("rollbackHint").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.Summary.GetProperty("syntheticTraffic").ValueKind);
    }

    [Fact]
    public async Task Run_TrafficOnAzureMlPlan_IsOneLineAndExitsTwo()
    {
        var run = await CliRun.InProcessAsync("run", RepoRoot.Combine("examples", "azureml-default.yaml"), "--traffic", "5", "--data", _data.FullName);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: --traffic drives the embedded local endpoint only; on Azure ML the endpoint's own traffic feeds the gates", line);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_data.FullName));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    public async Task Run_TrafficOutsideItsRange_IsRefusedWithExitTwo(string rate)
    {
        var run = await CliRun.InProcessAsync("run", RepoRoot.Combine("examples", "local-default.yaml"), "--traffic", rate, "--data", _data.FullName);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"--traffic: {rate} requests/s is outside 1–200", line);
    }

    /// <summary>
    /// examples/local-default.yaml with bakes and windows short enough for a test. Its latency bounds are wide: on a
    /// loaded shared machine one slow request is a 6 s window's p99, and this test is about traffic, not latency.
    /// </summary>
    private string WritePlan()
    {
        var models = RepoRoot.Combine("samples", "models");
        var path = Path.Combine(_data.FullName, "plan.yaml");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$$"""
            target: {kind: local, endpoint: run-traffic}
            baseline: {name: blue, spec: {model: "{{{Path.Combine(models, "model-1.json")}}}", instance_count: 1}}
            candidate: {name: green, spec: {model: "{{{Path.Combine(models, "model-2.json")}}}", instance_count: 1}}
            bakes: {mirror: 6s, traffic: 6s, promotion: 6s}
            gates:
              policy: default
              overrides:
                interval: 2s
                maxBlind: 1m
                gates:
                  - {name: p99-absolute, max: 5000, window: 6s, minSamples: 5}
                  - {name: p99-vs-baseline, maxPointsOverBaseline: 5000, window: 6s, minSamples: 5}
                  - {name: 5xx-vs-baseline, window: 6s, minSamples: 5}
                  - {name: min-traffic, window: 6s}
            """));
        return path;
    }
}
