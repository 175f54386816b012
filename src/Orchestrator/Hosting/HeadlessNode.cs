using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Orchestrator.Hosting;

/// <summary>A node without the HTTP API: the worker, the core and the local endpoint host (for <c>run</c>, <c>demo</c> and <c>worker</c>).</summary>
public static class HeadlessNode
{
    /// <summary>
    /// Builds the node; <paramref name="configure"/> may add or replace services (tests, Azure); <paramref name="args"/>
    /// are settings from the command line (<c>--Section:Key=value</c>), which win over the file and the environment.
    /// </summary>
    public static IHost Build(NodeSettings settings, LogLevel logLevel = LogLevel.Warning, Action<IServiceCollection, IConfiguration>? configure = null, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables("ORCHESTRATOR_");
        builder.Configuration.AddCommandLine(args ?? []);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel);

        // Log lines go to stderr: stdout belongs to the verb's own output (run --json prints one JSON object there).
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddRolloutNode(builder.Configuration);
        builder.Services.AddLocalTarget(settings.LocalHostDirectory);
        configure?.Invoke(builder.Services, builder.Configuration);
        return builder.Build();
    }
}
