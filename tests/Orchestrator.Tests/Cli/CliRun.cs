namespace Orchestrator.Cli.Tests;

/// <summary>The command line run in-process with captured writers (what the verb itself prints, not the host's logs).</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static Task<CliRun> InProcessAsync(params string[] args) => InProcessAsync(CliContext.System, args);

    /// <summary>With the given clock and environment variables instead of the process's.</summary>
    public static async Task<CliRun> InProcessAsync(CliContext context, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, output, error, context);
        return new(exitCode, output.ToString(), error.ToString());
    }
}
