using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli.Client.Tests;

/// <summary>A loopback server whose every answer the test decides: a proxy in front of the API, or something else on the port.</summary>
internal static class StandInServer
{
    public static Task<WebApplication> StartAsync(Func<(int Status, string Type, string Body)> answer) => StartAsync(_ => answer());

    /// <summary>A server whose answer depends on the request (its path, say).</summary>
    public static async Task<WebApplication> StartAsync(Func<HttpRequest, (int Status, string Type, string Body)> answer)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context =>
        {
            var (status, type, body) = answer(context.Request);
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            return context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        return app;
    }
}
