using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Orchestrator.Api;

namespace Orchestrator.Cli.Client;

/// <summary>
/// The HTTP API seen from the command line: sends the key, names itself (<c>X-Orchestrator-Client: cli</c>, so the
/// audit log records source Cli), and turns every way a request can fail into a <see cref="ClientFailureException"/>
/// with one line and an exit code.
/// </summary>
internal sealed class OrchestratorClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _server;

    public OrchestratorClient(ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _server = settings.Server;
        _http = new HttpClient { BaseAddress = settings.Server, Timeout = ClientSettings.RequestTimeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        _http.DefaultRequestHeaders.Add(ClientHeader.Name, "cli");
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    /// <summary>GET a route (relative, e.g. <c>api/v1/rollouts</c>).</summary>
    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>POST to a route with a body (or none) and the request id as <c>Idempotency-Key</c>.</summary>
    public Task<ApiAnswer> PostAsync(string path, HttpContent? content, string requestId, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(IdempotencyKey.Header, requestId);
        return SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<ApiAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var _ = request;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClientFailureException($"the server at {_server} is unreachable: {Cause(e)}; is `serve` running there (--server, ${ClientOptions.ServerVariable})?", ExitCodes.Unreachable, innerException: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation the caller did not ask for.
            throw new ClientFailureException($"the server at {_server} did not answer within {ClientSettings.RequestTimeout.TotalSeconds:0} s", ExitCodes.Unreachable, innerException: e);
        }

        using (response)
        {
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            var isJson = mediaType is "application/json" or "application/problem+json";
            if (response.IsSuccessStatusCode && isJson)
            {
                return new ApiAnswer(response.StatusCode, body, _server);
            }

            if (!response.IsSuccessStatusCode && isJson && ProblemLine.Render(response.StatusCode, body) is { } line)
            {
                var hint = response.StatusCode == HttpStatusCode.Unauthorized ? $" Check ${ClientOptions.ApiKeyVariable} or --api-key-file." : "";
                throw new ClientFailureException(line + hint, ProblemLine.ExitCodeOf(response.StatusCode), body);
            }

            throw new ClientFailureException(
                $"the server at {_server} answered {(int)response.StatusCode} {response.ReasonPhrase} with {mediaType}, not the orchestrator's API; is --server right?",
                ExitCodes.Unreachable);
        }
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClientFailureException($"the server at {_server} broke off its answer: {Cause(e)}", ExitCodes.Unreachable, innerException: e);
        }
    }

    private static string Cause(HttpRequestException e)
    {
        // The socket's own words ("Connection refused") say more than HttpClient's wrapper message.
        var socket = e.InnerException as SocketException ?? e.InnerException?.InnerException as SocketException;
        return ProblemLine.OneLine(socket?.Message ?? e.Message);
    }
}
