using Microsoft.Extensions.Options;
using Orchestrator.Api;
using Orchestrator.Rollouts;

namespace Orchestrator.Auth;

/// <summary>
/// Never open by default: at start, installs the admin key from configuration, or, when no key exists at all,
/// creates one and logs it once at Warning. A later start finds a key and says nothing.
/// </summary>
internal sealed partial class AdminKeyBootstrapper(
    IApiKeyStore store,
    IOptions<ApiOptions> options,
    TimeProvider time,
    ILogger<AdminKeyBootstrapper> logger) : IHostedService
{
    /// <summary>The name of the bootstrap (or configured) admin key.</summary>
    public const string AdminKeyName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.AdminKey is { } configured)
        {
            await store.SetAsync(new ApiKey(AdminKeyName, ActorRole.Admin, time.GetUtcNow(), "configuration"), configured, cancellationToken)
                .ConfigureAwait(false);
            Log.AdminKeyFromConfiguration(logger, AdminKeyName);
            return;
        }

        var secret = ApiKeySecret.Generate();
        var created = await store.TryCreateFirstAsync(new ApiKey(AdminKeyName, ActorRole.Admin, time.GetUtcNow(), "bootstrap"), secret, cancellationToken)
            .ConfigureAwait(false);
        if (created)
        {
            Log.AdminKeyCreated(logger, AdminKeyName, secret);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(
            EventId = EventIds.AdminKeyCreated,
            Level = LogLevel.Warning,
            Message = "No API key existed, so an admin key named '{KeyName}' was created: {ApiKey} . It is shown this once and never again: store it now, then create narrower keys with POST /api/v1/keys.")]
        public static partial void AdminKeyCreated(ILogger logger, string keyName, string apiKey);

        [LoggerMessage(EventId = EventIds.AdminKeyFromConfiguration, Level = LogLevel.Information, Message = "Installed the admin key '{KeyName}' from configuration")]
        public static partial void AdminKeyFromConfiguration(ILogger logger, string keyName);
    }
}
