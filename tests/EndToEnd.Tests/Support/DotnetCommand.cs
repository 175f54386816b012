using System.Diagnostics;

namespace EndToEnd.Tests.Support;

/// <summary>Runs a .NET dll from the test output with the same dotnet host that runs the tests.</summary>
internal static class DotnetCommand
{
    public static ProcessStartInfo For(string dll, params string[] arguments)
    {
        var current = Environment.ProcessPath;
        var host = current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Runs the command to its end with stdin closed; kills its process tree and throws when it outlives the deadline.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo info, TimeSpan deadline)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var expiry = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', info.ArgumentList)} did not end within {deadline}; stderr:\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>True when the process is gone (or a zombie that nobody reaped yet: it runs no code any more).</summary>
    public static bool HasExited(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{processId}/stat");
                var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
                return state is 'Z' or 'X';
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
