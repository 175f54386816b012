using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Api;

namespace Orchestrator.Hosting;

/// <summary>The whole service: HTTP API, worker, core and the embedded local endpoint host, in one process.</summary>
public static class ServiceApplication
{
    /// <summary>The address <c>serve</c> listens on unless configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The setting that names the address when <c>serve --url</c> does not.</summary>
    public const string UrlKey = "Orchestrator:Url";

    /// <summary>Where the service listens: <paramref name="url"/> when given, else <see cref="UrlKey"/>, else <see cref="DefaultUrl"/>.</summary>
    public static string ListenUrl(IConfiguration configuration, string? url)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return url ?? configuration[UrlKey] ?? DefaultUrl;
    }

    /// <summary>Builds the service; <paramref name="configure"/> may add or replace services (tests).</summary>
    public static WebApplication Build(NodeSettings settings, string? url = null, string[]? args = null, Action<IServiceCollection, IConfiguration>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
        builder.Configuration.AddJsonFile("appsettings.json", optional: true);
        builder.Configuration.AddEnvironmentVariables("ORCHESTRATOR_");
        builder.Configuration.AddCommandLine(args ?? []);
        builder.WebHost.UseUrls(ListenUrl(builder.Configuration, url));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        builder.Services.AddRolloutNode(builder.Configuration);
        builder.Services.AddLocalTarget(settings.LocalHostDirectory);
        TargetRegistration.AddConfiguredTargets(builder.Services, builder.Configuration);
        builder.Services.AddRolloutApi(builder.Configuration);
        configure?.Invoke(builder.Services, builder.Configuration);

        var app = builder.Build();
        app.MapRolloutApi();
        return app;
    }
}
