using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Plans;
using ScoringServer;

namespace Orchestrator.Targets.Local;

/// <summary>Builds the command line of a scoring process: the ScoringServer beside this application, run by the same dotnet host.</summary>
internal sealed class ScoringProcessLauncher
{
    private readonly string _serverPath;

    public ScoringProcessLauncher(LocalEndpointHostOptions options)
    {
        _serverPath = options.ScoringServerPath ?? Path.Combine(AppContext.BaseDirectory, "ScoringServer.dll");
    }

    /// <summary>The start info of one instance; stdin, stdout and stderr are pipes (stdin's end of file stops the child).</summary>
    public ProcessStartInfo CreateStartInfo(DeploymentSpec spec, FaultInjection faults, string label, string controlToken)
    {
        if (!File.Exists(_serverPath))
        {
            throw new DeploymentFailedException($"the scoring server '{_serverPath}' is missing; build the solution (src/ScoringServer) or set LocalEndpointHost:ScoringServerPath");
        }

        var runsDll = _serverPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(runsDll ? DotnetHost() : _serverPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        if (runsDll)
        {
            info.ArgumentList.Add(_serverPath);
        }

        foreach (var argument in (string[])["--model", spec.Model!, "--name", label, "--faults", ToWire(faults)])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.EnvironmentVariables ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        info.Environment[ScoringProtocol.ControlTokenVariable] = controlToken;
        return info;
    }

    /// <summary>The faults in the scoring server's wire shape (docs/local-host.md).</summary>
    public static string ToWire(FaultInjection faults)
    {
        var settings = new FaultSettings(
            faults.Latency?.Mean.TotalMilliseconds ?? 0,
            faults.Latency?.StdDev.TotalMilliseconds ?? 0,
            faults.ErrorRate,
            faults.CrashAfterRequests,
            faults.FailStart);
        return JsonSerializer.Serialize(settings, FaultSettingsJsonContext.Default.FaultSettings);
    }

    /// <summary>The dotnet host running us (tests, <c>dotnet run</c>), else the one the SDK or DOTNET_ROOT names, else PATH's.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (fromSdk is not null && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var fromRoot = root is null ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return fromRoot is not null && File.Exists(fromRoot) ? fromRoot : "dotnet";
    }
}
