using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ScoringServer;

/// <summary>
/// One deployment instance of the local endpoint host: loads a model file, listens on 127.0.0.1, serves
/// <c>POST /score</c>, <c>GET /health</c> (readiness) and <c>POST /faults</c> (the host's control route), warms
/// itself up (<see cref="WarmUp"/>), and then announces its port on stdout. It exits when its stdin closes, so it never outlives the host, even after a
/// kill -9 of the host (the OS closes the pipe when the parent dies).
/// </summary>
public static partial class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var arguments = ServerArguments.Parse(args, out var errors);
        string? modelError = null;
        var model = errors.Count == 0 ? ScoringModel.Load(arguments.ModelPath, out modelError) : null;
        if (model is null)
        {
            foreach (var error in modelError is null ? errors : [modelError])
            {
                await Console.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            }

            return ScoringProtocol.StartupErrorExitCode;
        }

        var (app, warmUp) = Build(arguments, model);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(arguments.Name);
        WatchStdin(app, logger);
        await app.StartAsync().ConfigureAwait(false);

        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        // Warm before announcing the port: the host probes readiness only after the announcement, so a deployment
        // that reports Succeeded is warm, and its first real requests are as fast as a warm baseline's.
        var warm = await warmUp.RunAsync(port).ConfigureAwait(false);
        Log.Started(logger, model.Name, port, arguments.Faults.FailStart);
        await Console.Out.WriteLineAsync(warm).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"{ScoringProtocol.ListeningPrefix}{port}").ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static (WebApplication App, WarmUp WarmUp) Build(ServerArguments arguments, ScoringModel model)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, arguments.Port);
            o.AddServerHeader = false;
        });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        // One log line per request would cost more than the scoring itself; the host measures requests instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var app = builder.Build();
        var faults = new FaultState(arguments.Faults);
        var warmUp = new WarmUp(model, arguments.WarmUpRequests, app.Services.GetRequiredService<ILogger<WarmUp>>());
        var score = new ScoreEndpoint(model, faults, warmUp, app.Services.GetRequiredService<ILogger<ScoreEndpoint>>(), code => Exit(app, code));
        var control = new ControlEndpoint(faults, warmUp, arguments.ControlToken, app.Services.GetRequiredService<ILogger<ControlEndpoint>>());
        app.Run(context => (context.Request.Method, context.Request.Path.Value) switch
        {
            ("POST", ScoringProtocol.ScorePath) => score.HandleAsync(context),
            ("GET", ScoringProtocol.HealthPath) => control.HealthAsync(context),
            ("POST", ScoringProtocol.FaultsPath) => control.SetFaultsAsync(context),
            _ => NotFoundAsync(context),
        });
        return (app, warmUp);
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>Exits at once, flushing the log first so the host's log tail shows why.</summary>
    private static void Exit(WebApplication app, int code)
    {
        // The console logger writes from a queue; disposing its provider drains the queue.
        foreach (var provider in app.Services.GetServices<ILoggerProvider>())
        {
            provider.Dispose();
        }

        Environment.Exit(code);
    }

    /// <summary>A background thread reads stdin until end of file: the host closed it or died.</summary>
    private static void WatchStdin(WebApplication app, ILogger logger)
    {
        var thread = new Thread(() =>
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
                // Anything the host writes is ignored; only end of file matters.
            }

            Log.StdinClosed(logger);
            Exit(app, 0);
        })
        {
            IsBackground = true,
            Name = "stdin-watch",
        };
        thread.Start();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Model {Model} loaded; listening on 127.0.0.1:{Port} (fail_start={FailStart})")]
        public static partial void Started(ILogger logger, string model, int port, bool failStart);

        [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Stdin closed: the host stopped or died; exiting")]
        public static partial void StdinClosed(ILogger logger);
    }
}
