using System.Diagnostics;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>Whether a process is gone, and how to start the test's own .NET executables.</summary>
internal static class ProcessProbe
{
    public static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Runs a .NET dll from the test output with the dotnet host that runs the tests.</summary>
    public static ProcessStartInfo Dotnet(string dll, params string[] arguments)
    {
        var current = Environment.ProcessPath;
        var host = current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
