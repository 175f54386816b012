using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Auth;
using Orchestrator.Dashboard;
using Orchestrator.Webhooks;

namespace Orchestrator.Api;

/// <summary>The HTTP API in two calls: <see cref="AddRolloutApi"/> on the services and <see cref="MapRolloutApi"/> on the app.</summary>
public static class RolloutApi
{
    /// <summary>
    /// Registers the API: API-key authentication (hashed keys in the service database, an admin key at first start),
    /// role-based authorization, the signed CI webhook, problem details for every error, health checks and OpenAPI.
    /// Call after <c>AddRolloutCore</c>, which brings the dispatcher (it also registers the query handlers), the rollout
    /// store and the database options; the service registers the target factory.
    /// </summary>
    public static IServiceCollection AddRolloutApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<WebhookVerifier>();
        services.TryAddSingleton(TimeProvider.System);

        // The key table lives in the rollout database (Orchestrator:Database), opened by the core's connection factory.
        services.TryAddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddHostedService<AdminKeyBootstrapper>();
        services.AddAuthentication(ApiKeyPrincipal.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyPrincipal.Scheme, configureOptions: null);
        services.AddAuthorization();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddTransient<IStartupFilter, ApiStartupFilter>();

        // Bad JSON and wrong content types throw, so the exception handler answers them as problem details too.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // The API names enums as stored rows and plans do (StoredJson): one name for a metric or a target everywhere.
        services.Configure<JsonOptions>(options =>
        {
            foreach (var converter in Persistence.StoredJson.Options.Converters)
            {
                options.SerializerOptions.Converters.Add(converter);
            }
        });

        services.AddHealthChecks().AddCheck<RolloutStoreHealthCheck>("database", tags: [RolloutStoreHealthCheck.ReadyTag]);
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityTransformer>());
        return services;
    }

    /// <summary>Maps <c>/api/v1/rollouts</c>, <c>/api/v1/webhooks/rollouts</c>, <c>/api/v1/keys</c>, <c>/api/v1/me</c>, <c>/api/v1/local/endpoints</c>, <c>/health/live</c>, <c>/health/ready</c>, <c>/openapi/v1.json</c> and the web dashboard (<c>/dashboard/</c>).</summary>
    public static IEndpointRouteBuilder MapRolloutApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        api.MapRolloutEndpoints().MapRolloutActionEndpoints();
        api.MapApiKeyEndpoints();
        api.MapCurrentKeyEndpoints();
        api.MapLocalEndpointsApi();
        api.MapWebhookEndpoints();
        endpoints.MapHealthEndpoints();
        endpoints.MapOpenApi().AllowAnonymous();
        endpoints.MapDashboard();
        return endpoints;
    }
}
