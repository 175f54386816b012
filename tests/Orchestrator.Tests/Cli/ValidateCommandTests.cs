using System.Diagnostics;
using Orchestrator.Plans.Tests;
using Tests.Common;

namespace Orchestrator.Cli.Tests;

public class ValidateCommandTests
{
    [Fact]
    public async Task Validate_DefaultExample_PrintsEveryStepWithItsEndpointState()
    {
        var run = await Run("validate", RepoRoot.Combine("examples", "local-default.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        string[] expected =
        [
            "[0] deploy green at 0% live (1 instance)",
            "[1] smokeTest green alone with the sample request, expect 200",
            "[2] mirror 10% to green, bake 30s",
            "[3] traffic 10% to green, bake 30s",
            "[4] traffic 100% to green (blue kept at 0%), bake 1m",
            "[5] deleteBaseline blue",
        ];
        string[] states = ["blue=100", "blue=100", "blue=100 | mirror green=10", "blue=90 green=10", "green=100", "green=100"];
        var lines = run.Output.Split('\n');
        for (var i = 0; i < expected.Length; i++)
        {
            var line = Assert.Single(lines, l => l.Contains(expected[i], StringComparison.Ordinal));
            Assert.EndsWith(states[i], line.TrimEnd(), StringComparison.Ordinal);
        }

        Assert.Contains("rollback   blue=100; green kept at 0%", run.Output, StringComparison.Ordinal);
        Assert.Contains("when busy  refuse while another rollout is active on the endpoint (onBusyEndpoint: reject)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_QueuePlan_ShowsThatItQueuesBehindABusyEndpoint()
    {
        var run = await Run("validate", RepoRoot.Combine("examples", "azureml-default.yaml"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("when busy  queue behind the endpoint's active rollout (onBusyEndpoint: queue)", run.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string> Examples() =>
        [.. Directory.EnumerateFiles(RepoRoot.Combine("examples")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Validate_ShippedExample_ExitsZeroWithNothingOnStderr(string file)
    {
        var run = await Run("validate", RepoRoot.Combine("examples", file));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("deleteBaseline", run.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string> BrokenPlans() => [.. Plans.Tests.BrokenPlans.Files()];

    [Theory]
    [MemberData(nameof(BrokenPlans))]
    public async Task Validate_BrokenPlan_PrintsEveryErrorOnStderrAndExitsTwo(string file)
    {
        var path = Plans.Tests.BrokenPlans.PathOf(file);

        var run = await Run("validate", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var expected in Plans.Tests.BrokenPlans.ExpectedErrors(path))
        {
            Assert.Contains(expected, lines);
        }
    }

    [Fact]
    public async Task Validate_MissingModelFile_PrintsTheFieldAndPathResolvedAgainstThePlanFolderAndExitsTwo()
    {
        var folder = Directory.CreateTempSubdirectory("plans-cli-");
        try
        {
            var plan = Path.Combine(folder.FullName, "plan.yaml");
            File.WriteAllText(plan, TestPlans.Minimal.Replace("../samples/models/model-2.json", "models/x.onnx", StringComparison.Ordinal) + "\nbakes: {mirror: soon}\n");

            var run = await Run("validate", plan);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal(string.Empty, run.Output);
            var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains($"candidate.spec.model: file 'models/x.onnx' not found (resolved to {Path.Combine(folder.FullName, "models", "x.onnx")})", lines);
            Assert.Contains(lines, l => l.StartsWith("bakes.mirror: 'soon' is not a duration", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_MissingModelFile_PrintsTheFieldAndExitsTwoBeforeStarting()
    {
        var folder = Directory.CreateTempSubdirectory("plans-cli-");
        try
        {
            var plan = Path.Combine(folder.FullName, "plan.yaml");
            File.WriteAllText(plan, TestPlans.Minimal.Replace("../samples/models/model-2.json", "models/x.onnx", StringComparison.Ordinal));
            var data = folder.CreateSubdirectory("data");

            var run = await Run("run", plan, "--data", data.FullName);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal($"candidate.spec.model: file 'models/x.onnx' not found (resolved to {Path.Combine(folder.FullName, "models", "x.onnx")})", run.Error.TrimEnd());
            Assert.Empty(data.EnumerateFileSystemInfos());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Validate_MissingFile_IsOneLineAndExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-plan-{Guid.NewGuid():N}.yaml");

        var run = await Run("validate", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: plan file not found: {missing}", run.Error.TrimEnd());
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Validate_AFolderInsteadOfAFile_SaysItIsAFolderAndExitsTwo()
    {
        var folder = RepoRoot.Combine("examples");

        var run = await Run("validate", folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {folder} is a folder; give a plan file (YAML or JSON), e.g. examples/local-default.yaml", run.Error.TrimEnd());
    }

    [Fact]
    public async Task Validate_PoliciesOption_ResolvesNamedPoliciesFromThatFolder()
    {
        var folder = Directory.CreateTempSubdirectory("plans-cli-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "team.yaml"), "interval: 7s\ngates: [{name: rate, metric: request_rate, min: 1, window: 1m, minSamples: 1}]\n");
            var plan = Path.Combine(folder.FullName, "plan.yaml");
            File.WriteAllText(plan, TestPlans.Minimal.Replace("../samples", RepoRoot.Combine("samples"), StringComparison.Ordinal) + "\ngates: {policy: team}\n");

            var withOption = await Run("validate", plan, "--policies", folder.FullName);
            var withoutOption = await Run("validate", plan);

            Assert.Equal(0, withOption.ExitCode);
            Assert.Contains("team: every 7s, 1 gate (rate)", withOption.Output, StringComparison.Ordinal);
            Assert.Equal(2, withoutOption.ExitCode);
            Assert.StartsWith("gates.policy: unknown policy 'team'; available: default, strict", withoutOption.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Validate_WithoutAPlan_ExplainsTheMissingArgument()
    {
        var run = await Run("validate");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Required argument missing for command: 'validate'.", run.Error.Trim());
        Assert.Contains("validate <plan> [options]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheValidateVerb()
    {
        var run = await Run("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("validate", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltExecutable_ValidatesFromAnotherFolder()
    {
        var folder = Directory.CreateTempSubdirectory("plans-exe-");
        try
        {
            var valid = await RunExecutable(folder.FullName, "validate", RepoRoot.Combine("examples", "local-canary-10-25-50-100.yaml"));
            var broken = await RunExecutable(folder.FullName, "validate", Plans.Tests.BrokenPlans.PathOf("mirror-above-50.yaml"));

            Assert.True(valid.ExitCode == 0, valid.Error);
            Assert.Equal(string.Empty, valid.Error);
            Assert.Contains("strict: every 15s", valid.Output, StringComparison.Ordinal);
            Assert.Equal(2, broken.ExitCode);
            Assert.Contains("steps[2].mirror.percent: mirror 60% to green exceeds the 50% mirror limit", broken.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<CliRun> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, output, error).ConfigureAwait(false);
        return new(exitCode, output.ToString(), error.ToString());
    }

    // The real program as built (copied next to the tests), run by the dotnet host in a folder of its own.
    private static async Task<CliRun> RunExecutable(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Orchestrator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return new(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private sealed record CliRun(int ExitCode, string Output, string Error);
}
