using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrator.Rollouts;

namespace Orchestrator.Api.Tests;

/// <summary>The local target's operator routes over real HTTP, on a real local endpoint with a real scoring process.</summary>
public sealed class LocalEndpointsApiTests(LocalEndpointsApiFixture fixture) : IClassFixture<LocalEndpointsApiFixture>
{
    private const string Base = $"/api/v1/local/endpoints/{LocalEndpointsApiFixture.Endpoint}";
    private const string BlueFaults = $"{Base}/deployments/blue/faults";

    [Fact]
    public async Task GetLocalEndpoint_Viewer_ShowsScoringUriTrafficAndProcessesButNoKeys()
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Viewer));

        using var response = await client.GetAsync(new Uri(Base, UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = JsonDocument.Parse(body).RootElement;
        Assert.Equal(fixture.LocalEndpoint.ScoringUri.ToString(), view.GetProperty("scoringUri").GetString());
        Assert.Equal(100, view.GetProperty("traffic").GetProperty("live").GetProperty("blue").GetInt32());
        var blue = Assert.Single(view.GetProperty("deployments").EnumerateArray());
        Assert.Equal(("blue", "Succeeded", 1, 1), (blue.GetProperty("name").GetString(), blue.GetProperty("provisioning").GetString(),
            blue.GetProperty("instanceCount").GetInt32(), blue.GetProperty("readyInstances").GetInt32()));
        var instance = Assert.Single(blue.GetProperty("instances").EnumerateArray());
        Assert.Equal(fixture.LocalEndpoint.GetInstances("blue")[0].ProcessId, instance.GetProperty("processId").GetInt32());
        Assert.DoesNotContain(fixture.LocalEndpoint.Keys.PrimaryKey, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLocalEndpoint_UnknownEndpoint_Answers404NamingIt()
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Admin));

        using var response = await client.GetAsync(new Uri("/api/v1/local/endpoints/no-such-endpoint", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("'no-such-endpoint'", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListLocalEndpointKeys_Admin_AnswersBothScoringKeys()
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Admin));

        using var response = await client.PostAsync(new Uri($"{Base}/listKeys", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(fixture.LocalEndpoint.Keys.PrimaryKey, keys.GetProperty("primaryKey").GetString());
        Assert.Equal(fixture.LocalEndpoint.Keys.SecondaryKey, keys.GetProperty("secondaryKey").GetString());
    }

    [Theory]
    [InlineData(ActorRole.Viewer)]
    [InlineData(ActorRole.OnCall)]
    [InlineData(ActorRole.ReleaseManager)]
    public async Task AdminRoutes_OtherRoles_Answer403AndChangeNothing(ActorRole role)
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(role));

        using var keys = await client.PostAsync(new Uri($"{Base}/listKeys", UriKind.Relative), content: null);
        using var faults = await client.PutAsJsonAsync(new Uri(BlueFaults, UriKind.Relative), new { errorRate = 1.0 });

        await ProblemAssert.IsProblemAsync(keys, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(faults, HttpStatusCode.Forbidden);
        Assert.Equal(0, fixture.LocalEndpoint.GetState().Deployments.Count(d => d.Provisioning != Endpoints.ProvisioningState.Succeeded));
        Assert.Equal(HttpStatusCode.OK, await ScoreAsync());
    }

    [Fact]
    public async Task SetLocalDeploymentFaults_OutOfRange_Answers400NamingEveryField()
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Admin));
        const string Body = """{"errorRate": 1.5, "crashAfterRequests": 0, "latency": {"mean": "-00:00:01", "stdDev": "00:00:00"}}""";

        using var response = await client.PutAsync(new Uri(BlueFaults, UriKind.Relative), new StringContent(Body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["crashAfterRequests", "errorRate", "latency"], problem.ErrorFields().Order());
    }

    [Fact]
    public async Task SetLocalDeploymentFaults_UnknownDeployment_Answers404NamingIt()
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Admin));

        using var response = await client.PutAsJsonAsync(new Uri($"{Base}/deployments/purple/faults", UriKind.Relative), new { errorRate = 1.0 });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("'purple'", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetLocalDeploymentFaults_ErrorRateOne_RunningDeploymentFailsAtOnceUntilCleared()
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Admin));

        using var set = await client.PutAsJsonAsync(new Uri(BlueFaults, UriKind.Relative), new { errorRate = 1.0 });
        var failing = await ScoreAsync();
        using var cleared = await client.PutAsJsonAsync(new Uri(BlueFaults, UriKind.Relative), new { });
        var healthy = await ScoreAsync();

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var view = JsonDocument.Parse(await set.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1.0, view.GetProperty("faults").GetProperty("errorRate").GetDouble());
        Assert.Equal(HttpStatusCode.FailedDependency, failing); // the model's 500, as Azure ML's front door reports it
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy);
    }

    [Fact]
    public async Task LocalRoutes_NodeWithoutLocalHost_Answer404()
    {
        await using var host = await ApiTestHost.StartAsync();
        var client = host.Client(await host.KeyAsync(ActorRole.Admin));

        using var response = await client.GetAsync(new Uri(Base, UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no local endpoint host", problem.Detail(), StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> ScoreAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.LocalEndpoint.ScoringUri)
        {
            Content = new StringContent("""{"data": [[1,2,3,4,5,6,7,8,9,10]]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.LocalEndpoint.Keys.PrimaryKey);
        using var response = await fixture.Scoring.SendAsync(request);
        return response.StatusCode;
    }
}
