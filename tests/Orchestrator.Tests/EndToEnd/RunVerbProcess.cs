using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Orchestrator.Targets.Local.Tests;

namespace Orchestrator.EndToEnd.Tests;

/// <summary>
/// The real executable (<c>dotnet Orchestrator.dll run &lt;plan&gt; --json --data &lt;dir&gt;</c>) as a child process,
/// configured through <c>ORCHESTRATOR_*</c> environment variables exactly as a CI pipeline would configure it.
/// </summary>
internal sealed class RunVerbProcess : IDisposable
{
    /// <summary>A run that does not end in this time is stuck; generous because the machine may be loaded.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task _stderr;
    private readonly StringBuilder _progress = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _watches = [];

    private RunVerbProcess(Process process)
    {
        _process = process;
        _process.StandardInput.Close();
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = ReadProgressAsync();
    }

    /// <summary>Everything printed on stderr so far (progress), for failure messages.</summary>
    public string Progress
    {
        get
        {
            lock (_progress)
            {
                return _progress.ToString();
            }
        }
    }

    /// <summary>Starts <c>run</c> on a plan (with extra arguments such as <c>--verbose</c>).</summary>
    public static RunVerbProcess Start(string plan, string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        var info = ProcessProbe.Dotnet("Orchestrator.dll", ["run", plan, "--json", "--data", dataDirectory, .. extraArguments]);
        info.WorkingDirectory = dataDirectory;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new RunVerbProcess(Process.Start(info)!);
    }

    /// <summary>Waits until a progress line contains <paramref name="text"/>.</summary>
    public async Task WaitForProgressAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_progress)
        {
            if (_progress.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _watches.Add((text, seen));
        }

        try
        {
            await seen.Task.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{text}' was not printed within {Limit}; progress:\n{Progress}");
        }
    }

    /// <summary>Sends SIGTERM, as a CI runner does when a job is cancelled.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the end and returns the exit code and the parsed summary.</summary>
    public async Task<RunResult> WaitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"run did not end within {Limit}; progress so far:\n{Progress}");
        }

        var output = await _stdout;
        await _stderr;
        try
        {
            // --json: stdout holds the summary and nothing else (progress and log lines go to stderr); a run refused
            // before it started (exit 2) prints no summary at all.
            var summary = string.IsNullOrWhiteSpace(output) ? default : JsonSerializer.Deserialize<JsonElement>(output);
            return new RunResult(_process.ExitCode, summary, Progress, output);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"stdout is not one JSON object ({e.Message}):\n{output}\nstderr:\n{Progress}", e);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task ReadProgressAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_progress)
            {
                _progress.AppendLine(line);
                foreach (var watch in _watches.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    watch.Seen.TrySetResult();
                    _watches.Remove(watch);
                }
            }
        }
    }
}

/// <summary>How one <c>run</c> ended.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Summary">The JSON summary printed on stdout (undefined when the run was refused before it started).</param>
/// <param name="Progress">Everything printed on stderr, for failure messages.</param>
/// <param name="Output">Everything printed on stdout (the summary, as text).</param>
internal sealed record RunResult(int ExitCode, JsonElement Summary, string Progress, string Output)
{
    public string FinalState => Summary.GetProperty("finalState").GetString()!;

    public string? RollbackReason => Summary.GetProperty("rollbackReason").GetString();

    public IReadOnlyDictionary<string, int> Map(string property) =>
        Summary.GetProperty(property).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
