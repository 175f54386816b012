namespace Orchestrator.Cli;

/// <summary>
/// What the command line takes from its surroundings besides its arguments: the clock its polling waits on and the
/// environment variables it reads (<c>ORCHESTRATOR_URL</c>, <c>ORCHESTRATOR_API_KEY</c>). Tests pass their own, so
/// they neither change the process environment nor wait on the wall clock.
/// </summary>
/// <param name="Time">The clock.</param>
/// <param name="Environment">Reads an environment variable (null when unset).</param>
internal sealed record CliContext(TimeProvider Time, Func<string, string?> Environment)
{
    /// <summary>The real clock and the process environment.</summary>
    public static CliContext System { get; } = new(TimeProvider.System, global::System.Environment.GetEnvironmentVariable);
}
