using System.CommandLine;
using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary><c>serve</c>: the API, the worker and the local endpoint host, until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data();
        // No default value here: without --url the configuration's Orchestrator:Url (a setting, the environment, an
        // argument) decides, and only then the built-in address.
        var url = new Option<string?>("--url")
        {
            Description = $"Where the API listens (loopback by default). Default: {ServiceApplication.UrlKey}, else {ServiceApplication.DefaultUrl}.",
        };
        url.Validators.Add(result =>
        {
            if (NotAnAddress("--url", result.GetValueOrDefault<string?>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        var command = new Command("serve", "Run the service: HTTP API, rollout worker and the embedded local endpoint host.") { data, url };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (SettingArguments.Problem(result.UnmatchedTokens) is { } notASetting)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"error: {notASetting}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            await using var app = ServiceApplication.Build(new NodeSettings(result.GetRequiredValue(data).FullName), result.GetValue(url), [.. result.UnmatchedTokens]);
            var listen = ServiceApplication.ListenUrl(app.Configuration, result.GetValue(url));
            if (NotAnAddress(ServiceApplication.UrlKey, listen) is { } problem)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            StartupRefusal.ValidateOptions(app.Services);
            StartupRefusal.EnsureAddressFree(listen);
            await app.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    private static string? NotAnAddress(string source, string? value) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            ? null
            : $"{source}: '{value}' is not an http:// or https:// address, e.g. {ServiceApplication.DefaultUrl}";
}
