using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Targets.Local.Tests;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// The real executable (<c>dotnet Orchestrator.dll run &lt;plan&gt; --json --data &lt;dir&gt;</c>) as a child process,
/// configured through <c>ORCHESTRATOR_*</c> environment variables exactly as a CI pipeline would configure it.
/// </summary>
internal static class RunVerbProcess
{
    /// <summary>A run that does not end in this time is stuck; generous because the machine may be loaded.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    /// <summary>Runs <c>run</c> to its end and returns the exit code, the parsed summary and the progress (stderr).</summary>
    public static async Task<RunResult> RunAsync(string plan, string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = ProcessProbe.Dotnet("Orchestrator.dll", "run", plan, "--json", "--data", dataDirectory);
        info.WorkingDirectory = dataDirectory;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"run did not end within {Limit}; progress so far:\n{await stderr}");
        }

        var output = await stdout;
        var progress = await stderr;
        JsonElement summary;
        try
        {
            // --json: stdout holds the summary and nothing else (progress and log lines go to stderr).
            summary = JsonSerializer.Deserialize<JsonElement>(output);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"stdout is not one JSON object ({e.Message}):\n{output}\nstderr:\n{progress}", e);
        }

        return new RunResult(process.ExitCode, summary, progress);
    }
}

/// <summary>How one <c>run</c> ended.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Summary">The JSON summary printed on stdout.</param>
/// <param name="Progress">Everything printed on stderr, for failure messages.</param>
internal sealed record RunResult(int ExitCode, JsonElement Summary, string Progress)
{
    public string FinalState => Summary.GetProperty("finalState").GetString()!;

    public string? RollbackReason => Summary.GetProperty("rollbackReason").GetString();

    public IReadOnlyDictionary<string, int> Map(string property) =>
        Summary.GetProperty(property).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
