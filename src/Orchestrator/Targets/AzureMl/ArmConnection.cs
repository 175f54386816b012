using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Orchestrator.Targets.AzureMl;

/// <summary>
/// The one way this service talks to Resource Manager: an Azure.Core <see cref="HttpPipeline"/> with a bearer token
/// for ARM, wrapped in a Polly retry that waits out 429 (honouring <c>Retry-After</c>), 408, transient 5xx, 409
/// "operation in progress" and transport failures. Every call it retries is idempotent (GET, full PUT, DELETE,
/// read-only POST actions); the data-plane scoring call is never retried. Headers are never logged.
/// </summary>
internal sealed partial class ArmConnection : IDisposable
{
    private static readonly ResiliencePropertyKey<string> OperationKey = new("azureml.operation");

    private readonly HttpClient _httpClient;
    private readonly HttpPipeline _armPipeline;
    private readonly HttpPipeline _dataPipeline;
    private readonly ResiliencePipeline<ArmResponse> _retry;
    private readonly ILogger _logger;
    private readonly string _armBase;

    public ArmConnection(AzureMlOptions options, TokenCredential credential, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        TimeProvider = timeProvider;
        Credential = credential;
        _logger = logger;
        _armBase = options.ArmEndpoint.AbsoluteUri.TrimEnd('/');

        var trust = options.TrustedCaCertificateFile is { } pem ? ExtraCaTrust.FromPemFile(pem) : null;
        _httpClient = new HttpClient(ExtraCaTrust.CreateHandler(trust), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

        var environment = new ArmEnvironment(options.ArmEndpoint, options.ArmAudience);
        var transport = new HttpClientTransport(_httpClient);
        _armPipeline = HttpPipelineBuilder.Build(CreateClientOptions(transport, options.RequestTimeout), new BearerTokenAuthenticationPolicy(credential, environment.DefaultScope));
        _dataPipeline = HttpPipelineBuilder.Build(CreateClientOptions(transport, options.ScoringTimeout));
        _retry = BuildRetry(options, timeProvider);
    }

    public AzureMlOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public TokenCredential Credential { get; }

    /// <summary>Sends one ARM request, retried when that is safe; returns the final answer, success or not.</summary>
    /// <param name="method">GET, PUT, PATCH, DELETE or POST (POST only for read-only actions such as listKeys).</param>
    /// <param name="pathOrUri">A path under the ARM endpoint (<c>/subscriptions/…</c>) or an absolute polling URL.</param>
    /// <param name="apiVersion">Added as <c>api-version</c> unless the URL already has one.</param>
    /// <param name="body">JSON body, if any.</param>
    /// <param name="cancellationToken">Cancels the call and its retries.</param>
    public async Task<ArmResponse> SendAsync(RequestMethod method, string pathOrUri, string apiVersion, string? body = null, CancellationToken cancellationToken = default)
    {
        var uri = ResolveUri(pathOrUri, apiVersion);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(OperationKey, $"{method} {uri.AbsolutePath}");
            return await _retry.ExecuteAsync(
                static async (ctx, state) => await state.Connection.SendOnceAsync(state.Pipeline, state.Method, state.Uri, state.Body, null, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (Connection: this, Pipeline: _armPipeline, Method: method, Uri: uri, Body: body)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Sends one data-plane request exactly once (scoring is not idempotent in general).</summary>
    public Task<ArmResponse> SendDataPlaneAsync(Uri uri, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken = default) =>
        SendOnceAsync(_dataPipeline, RequestMethod.Post, uri, body, headers, cancellationToken);

    public void Dispose()
    {
        _httpClient.Dispose();
    }

    private Uri ResolveUri(string pathOrUri, string apiVersion)
    {
        Uri uri;
        if (pathOrUri.StartsWith('/'))
        {
            uri = new Uri(_armBase + pathOrUri);
        }
        else
        {
            uri = new Uri(pathOrUri);

            // A polling URL comes from the service; the bearer token only ever goes back to the ARM host itself.
            if (!string.Equals(uri.Host, Options.ArmEndpoint.Host, StringComparison.OrdinalIgnoreCase) || uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new AzureMlRequestException($"The service asked to poll {uri.GetLeftPart(UriPartial.Authority)}, which is not the configured Resource Manager {Options.ArmEndpoint}; refusing to send the token there.");
            }
        }

        if (uri.Query.Contains("api-version=", StringComparison.OrdinalIgnoreCase))
        {
            return uri;
        }

        var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
        return new Uri(uri.AbsoluteUri + separator + "api-version=" + Uri.EscapeDataString(apiVersion));
    }

    private async Task<ArmResponse> SendOnceAsync(HttpPipeline pipeline, RequestMethod method, Uri uri, string? body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("Accept", "application/json");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            message.Request.Headers.SetValue(name, value);
        }

        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(BinaryData.FromString(body));
        }

        Log.Sending(_logger, method.Method, uri.AbsolutePath);
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        var responseHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            responseHeaders[header.Name] = header.Value;
        }

        var text = response.Content.ToString();
        Log.Received(_logger, method.Method, uri.AbsolutePath, response.Status, response.Headers.RequestId);
        return new ArmResponse(response.Status, text, responseHeaders);
    }

    private static ArmClientOptions CreateClientOptions(HttpPipelineTransport transport, TimeSpan networkTimeout)
    {
        var clientOptions = new ArmClientOptions { Transport = transport };

        // Polly owns retries (it also handles 409 "operation in progress"); Azure.Core's own retry would multiply them.
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.Retry.NetworkTimeout = networkTimeout;
        clientOptions.Diagnostics.IsLoggingContentEnabled = false;
        clientOptions.Diagnostics.IsTelemetryEnabled = true;
        return clientOptions;
    }

    private ResiliencePipeline<ArmResponse> BuildRetry(AzureMlOptions options, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<ArmResponse> { TimeProvider = timeProvider };
        if (options.MaxRetries == 0)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions<ArmResponse>
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Result: { } result } => IsTransient(result.Status),
                { Exception: RequestFailedException { Status: 0 } } => true,
                { Exception: HttpRequestException or IOException } => true,

                // Azure.Core's network timeout surfaces as a cancellation the caller did not ask for.
                { Exception: OperationCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
                _ => false,
            }),
            DelayGenerator = args =>
            {
                var asked = args.Outcome.Result?.RetryAfter(timeProvider.GetUtcNow());
                return ValueTask.FromResult<TimeSpan?>(asked is { } delay ? (delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay) : null);
            },
            OnRetry = args =>
            {
                var operation = args.Context.Properties.GetValue(OperationKey, "request");
                var status = args.Outcome.Result?.Status.ToString(CultureInfo.InvariantCulture) ?? args.Outcome.Exception?.GetType().Name ?? "?";
                Log.Retrying(_logger, operation, status, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    private static bool IsTransient(int status) => status is 408 or 409 or 429 or 500 or 502 or 503 or 504;

    private static partial class Log
    {
        [LoggerMessage(EventId = AzureMlEventIds.Sending, Level = LogLevel.Debug, Message = "Azure request {Method} {Path}")]
        public static partial void Sending(ILogger logger, string method, string path);

        [LoggerMessage(EventId = AzureMlEventIds.Received, Level = LogLevel.Debug, Message = "Azure answered {Method} {Path} with {Status} (x-ms-request-id {RequestId})")]
        public static partial void Received(ILogger logger, string method, string path, int status, string? requestId);

        [LoggerMessage(EventId = AzureMlEventIds.Retrying, Level = LogLevel.Warning, Message = "Azure {Operation} answered {Outcome}; retry {Attempt} of {MaxRetries} in {Delay}")]
        public static partial void Retrying(ILogger logger, string operation, string outcome, int attempt, int maxRetries, TimeSpan delay);
    }
}
