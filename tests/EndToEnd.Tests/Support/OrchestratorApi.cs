using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace EndToEnd.Tests.Support;

/// <summary>The service's HTTP API as one API key sees it. The address is read on every call, so a restarted service is found again.</summary>
internal sealed class OrchestratorApi(HttpClient http, Func<Uri> baseAddress, string key)
{
    public async Task<CreatedKeyDto> CreateKeyAsync(string name, string role, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/keys", JsonContent.Create(new { name, role }), cancellationToken);
        return await ReadAsync<CreatedKeyDto>(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>Submits a YAML plan; the answer as it came (201, or a problem).</summary>
    public Task<HttpResponseMessage> TrySubmitAsync(string yaml, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/api/v1/rollouts", new StringContent(yaml, Encoding.UTF8, "application/yaml"), cancellationToken);

    public async Task<RolloutDto> SubmitAsync(string yaml, CancellationToken cancellationToken = default)
    {
        using var response = await TrySubmitAsync(yaml, cancellationToken);
        return await ReadAsync<RolloutDto>(response, HttpStatusCode.Created, cancellationToken);
    }

    public async Task<RolloutDto> GetRolloutAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/rollouts/{id}", null, cancellationToken);
        return await ReadAsync<RolloutDto>(response, HttpStatusCode.OK, cancellationToken);
    }

    public async Task<AuditLogDto> GetAuditAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/rollouts/{id}/audit", null, cancellationToken);
        return await ReadAsync<AuditLogDto>(response, HttpStatusCode.OK, cancellationToken);
    }

    public async Task<GateHistoryDto> GetGatesAsync(Guid id, int? step = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/rollouts/{id}/gates{(step is null ? "" : $"?step={step}")}", null, cancellationToken);
        return await ReadAsync<GateHistoryDto>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>Sends pause, resume, abort, promote, approve or retry; the answer as it came.</summary>
    public Task<HttpResponseMessage> TryActAsync(Guid id, string action, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/api/v1/rollouts/{id}/{action}", reason is null ? null : JsonContent.Create(new { reason }), cancellationToken);

    public async Task<RolloutDto> ActAsync(Guid id, string action, string? reason = null, CancellationToken cancellationToken = default)
    {
        using var response = await TryActAsync(id, action, reason, cancellationToken);
        return await ReadAsync<RolloutDto>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>The local endpoint, or null while it does not exist.</summary>
    public async Task<LocalEndpointDto?> GetLocalEndpointAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/local/endpoints/{endpoint}", null, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<LocalEndpointDto>(response, HttpStatusCode.OK, cancellationToken);
    }

    public async Task<EndpointKeysDto> ListKeysAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/local/endpoints/{endpoint}/listKeys", null, cancellationToken);
        return await ReadAsync<EndpointKeysDto>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>Replaces a deployment's injected faults (the body is FaultInjection as JSON).</summary>
    public async Task<LocalDeploymentDto> SetFaultsAsync(string endpoint, string deployment, object faults, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            HttpMethod.Put, $"/api/v1/local/endpoints/{endpoint}/deployments/{deployment}/faults", JsonContent.Create(faults), cancellationToken);
        return await ReadAsync<LocalDeploymentDto>(response, HttpStatusCode.OK, cancellationToken);
    }

    public static async Task<ProblemDto> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonSerializer.Deserialize<ProblemDto>(body, WireJson.Options)!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress(), path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(request, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode} instead of {(int)expected}: {body}",
                null,
                response.StatusCode);
        }

        return (await response.Content.ReadFromJsonAsync<T>(WireJson.Options, cancellationToken))!;
    }
}
