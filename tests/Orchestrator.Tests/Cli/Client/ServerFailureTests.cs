using System.Net;
using System.Net.Sockets;
using Orchestrator.Cli.Tests;

namespace Orchestrator.Cli.Client.Tests;

/// <summary>A server that is not there, or is not the orchestrator: one line, exit 7, no stack trace.</summary>
public sealed class ServerFailureTests
{
    private static readonly CliContext WithKey = new(TimeProvider.System, name => name == "ORCHESTRATOR_API_KEY" ? "rok_any" : null);

    [Fact]
    public async Task List_NothingListensThere_Exits7NamingTheServer()
    {
        var server = $"http://127.0.0.1:{ClosedPort()}";

        var run = await CliRun.InProcessAsync(WithKey, "rollouts", "list", "--server", server);

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: the server at {server}/ is unreachable: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at System.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ServerFromTheEnvironment_IsUsedWhenNoServerOptionIsGiven()
    {
        var server = $"http://127.0.0.1:{ClosedPort()}";
        var context = new CliContext(TimeProvider.System, name => name switch
        {
            "ORCHESTRATOR_API_KEY" => "rok_any",
            "ORCHESTRATOR_URL" => server,
            _ => null,
        });

        var run = await CliRun.InProcessAsync(context, "rollouts", "list");

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains($"the server at {server}/ is unreachable", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(502)]
    public async Task Get_ServerAnswersHtml_Exits7SayingItIsNotTheApi(int status)
    {
        await using var app = await StandInServer.StartAsync(() => (status, "text/html", "<html><body>proxy</body></html>"));

        var run = await CliRun.InProcessAsync(WithKey, "rollouts", "get", Guid.NewGuid().ToString(), "--server", app.Urls.First());

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"answered {status} ", line, StringComparison.Ordinal);
        Assert.Contains("with text/html, not the orchestrator's API; is --server right?", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BadServerAndNoKey_NamesBothAndExits2()
    {
        var run = await CliRun.InProcessAsync(new CliContext(TimeProvider.System, _ => null), "rollouts", "list", "--server", "ftp://example.org");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: --server: 'ftp://example.org' is not an http(s) address", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("error: no API key", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ServerNotAnHttpAddress_Exits2()
    {
        var run = await CliRun.InProcessAsync(WithKey, "rollouts", "list", "--server", "127.0.0.1:5080");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("error: --server: '127.0.0.1:5080' is not an http(s) address, e.g. http://127.0.0.1:5080", run.Error.Trim());
    }

    private static int ClosedPort()
    {
        // A port the system just handed out and nobody listens on any more: connecting is refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
