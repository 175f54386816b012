using System.Diagnostics;
using System.Text;

namespace EndToEnd.Tests.Support;

/// <summary>
/// Runs <c>tests/Dashboard/walkthrough.mjs</c> with node: playwright-core driving Debian's chromium through the
/// dashboard. It needs <c>/usr/bin/chromium</c> and <c>npm ci</c> in tests/Dashboard (.ci/run installs both).
/// </summary>
internal static class DashboardWalkthrough
{
    public const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    /// <summary>The folder of the node script (found above the test output, where Orchestrator.sln is).</summary>
    public static string ScriptDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
                {
                    return Path.Combine(directory.FullName, "tests", "Dashboard");
                }
            }

            throw new InvalidOperationException($"no Orchestrator.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>What is missing to run the walkthrough, or null.</summary>
    public static string? MissingPrerequisite()
    {
        if (!File.Exists(Chromium))
        {
            return $"{Chromium} is missing: apt-get install -y chromium (.ci/run does)";
        }

        return Directory.Exists(Path.Combine(ScriptDirectory, "node_modules", "playwright-core"))
            ? null
            : $"playwright-core is missing: run `npm ci` in {ScriptDirectory} (.ci/run does)";
    }

    /// <summary>Runs the script with its settings as environment variables; its exit code and its output (stdout and stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("walkthrough.mjs");
        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Append(output, $"(killed: the walkthrough ran longer than {Deadline})");
            return (-1, Text(output));
        }

        // The exit event can come before the last lines: WaitForExit() without a timeout drains the readers.
        process.WaitForExit();
        return (process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
