using System.CommandLine;
using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary><c>serve</c>: the API, the worker and the local endpoint host, until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data();
        var url = new Option<string>("--url")
        {
            Description = $"Where the API listens (loopback by default). Default: {ServiceApplication.DefaultUrl}.",
            DefaultValueFactory = _ => ServiceApplication.DefaultUrl,
        };
        url.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                result.AddError($"--url: '{value}' is not an http:// or https:// address, e.g. {ServiceApplication.DefaultUrl}");
            }
        });
        var command = new Command("serve", "Run the service: HTTP API, rollout worker and the embedded local endpoint host.") { data, url };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = ServiceApplication.Build(new NodeSettings(result.GetRequiredValue(data).FullName), result.GetRequiredValue(url), [.. result.UnmatchedTokens]);
            StartupRefusal.ValidateOptions(app.Services);
            StartupRefusal.EnsureAddressFree(result.GetRequiredValue(url));
            await app.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }
}
