using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        await using var app = await HtmlServerAsync(status);

        var run = await CliRun.InProcessAsync(WithKey, "rollouts", "get", Guid.NewGuid().ToString(), "--server", app.Urls.First());

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"answered {status} ", line, StringComparison.Ordinal);
        Assert.Contains("with text/html, not the orchestrator's API; is --server right?", line, StringComparison.Ordinal);
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

    private static async Task<WebApplication> HtmlServerAsync(int status)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html><body>proxy</body></html>");
        });
        await app.StartAsync();
        return app;
    }
}
