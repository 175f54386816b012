namespace Orchestrator.Cli.Tests;

/// <summary>Whole-number options name themselves and the value on bad input, in one line, exit 2 (common.md: bad input).</summary>
public sealed class CliOptionsTests
{
    [Theory]
    [InlineData("--limit: 'abc' is not a whole number", "rollouts", "list", "--limit", "abc")]
    [InlineData("--step: 'two' is not a whole number", "rollouts", "gates", "0193f5d2-8c4e-7b1a-9f00-2a6c1d3e4f50", "--step", "two")]
    [InlineData("--interval: '5s' is not a whole number", "rollouts", "watch", "0193f5d2-8c4e-7b1a-9f00-2a6c1d3e4f50", "--interval", "5s")]
    [InlineData("--traffic: 'ten' is not a whole number", "run", "plan.yaml", "--traffic", "ten")]
    public async Task WholeNumber_ValueThatIsNotANumber_IsOneLineNamingTheOptionAndExitsTwo(string expected, params string[] args)
    {
        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }
}
