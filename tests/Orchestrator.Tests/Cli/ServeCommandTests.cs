using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Targets.Local.Tests;

namespace Orchestrator.Cli.Tests;

/// <summary><c>serve</c> on bad input: one line naming the problem, exit 2, never "this is a bug" (common.md: bad input).</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("serve-cli-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task Serve_UrlThatIsNotAnAddress_IsOneLineAndExitsTwo()
    {
        var run = await Run("serve", "--data", _data.FullName, "--url", "notaurl");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--url: 'notaurl' is not an http:// or https:// address, e.g. http://127.0.0.1:5080", run.Error.Trim());
    }

    [Fact]
    public async Task Serve_InvalidSetting_NamesTheSettingAndExitsTwo()
    {
        var run = await Run("serve", "--data", _data.FullName, "--url", "http://127.0.0.1:0", "--Orchestrator:Api:AdminKey=short");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: Orchestrator:Api:AdminKey must be at least 32 characters", line, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AddressAlreadyInUse_SaysSoAndExitsTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await Run("serve", "--data", _data.FullName, "--url", $"http://127.0.0.1:{port}");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("address already in use; stop what listens there, or give another --url", line, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_UrlSettingWithoutUrlOption_IsTheAddressItBinds()
    {
        // docs/operations.md: Orchestrator:Url names the address (also serve --url). A taken port proves which
        // address serve tried, without starting a service.
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await Run("serve", "--data", _data.FullName, $"--Orchestrator:Url=http://127.0.0.1:{port}");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: Failed to bind to address http://127.0.0.1:{port}: address already in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_UrlSettingThatIsNotAnAddress_IsOneLineAndExitsTwo()
    {
        var run = await Run("serve", "--data", _data.FullName, "--Orchestrator:Url=notaurl");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: Orchestrator:Url: 'notaurl' is not an http:// or https:// address, e.g. http://127.0.0.1:5080", run.Error.Trim());
    }

    [Fact]
    public async Task Serve_AddressAlreadyInUse_PrintsOnlyTheOneLineFromTheRealProcess()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var info = ProcessProbe.Dotnet("Orchestrator.dll", "serve", "--data", _data.FullName, "--url", $"http://127.0.0.1:{port}");
        info.WorkingDirectory = _data.FullName;

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Generous: the machine may be loaded; an ended process is the condition, not a delay.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        // The host's own "Hosting failed to start" log (with its stack trace) went to stdout before: nothing may.
        Assert.Equal("", await stdout);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: Failed to bind to address http://127.0.0.1:{port}: address already in use; stop what listens there, or give another --url", line);
        Assert.Equal(2, process.ExitCode);
    }

    [Theory]
    [InlineData("serve", "--urls", "http://127.0.0.1:5999", "unknown option '--urls'")]
    [InlineData("serve", "--Orchestrator:Url", null, "setting '--Orchestrator:Url' has no value")]
    [InlineData("worker", "stray", null, "unexpected argument 'stray'")]
    public async Task ServeAndWorker_ArgumentThatIsNotASetting_IsOneLineAndExitsTwo(string verb, string token, string? value, string reason)
    {
        string[] args = value is null ? [verb, "--data", _data.FullName, token] : [verb, "--data", _data.FullName, token, value];

        var run = await Run(args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {reason}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_SettingOnTheCommandLine_ReachesItsConfiguration()
    {
        // A refused value proves the setting was read, without starting a node.
        var run = await Run("worker", "--data", _data.FullName, "--Orchestrator:Worker:ThreadCount", "0");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Orchestrator:Worker:ThreadCount", line, StringComparison.Ordinal);
    }

    private static Task<CliRun> Run(params string[] args) => CliRun.InProcessAsync(args);
}
