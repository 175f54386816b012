using Orchestrator.Persistence;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Rollouts;

namespace Orchestrator.Api.Tests;

/// <summary>POST /api/v1/rollouts over real HTTP into the real store and dispatcher.</summary>
public sealed class SubmitRolloutTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly JsonSerializerOptions Json = ApiJson.Options;

    [Theory]
    [InlineData("application/yaml")]
    [InlineData("text/yaml")]
    public async Task SubmitRollout_YamlPlan_Returns201WithLocationOfThePendingRollout(string contentType)
    {
        var endpoint = TestRollouts.UniqueEndpoint();

        using var response = await SubmitAsync(TestRollouts.Yaml(endpoint), contentType);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var rollout = JsonSerializer.Deserialize<RolloutSummary>(body, Json)!;
        Assert.Equal(endpoint, rollout.Endpoint);
        Assert.Equal($"/api/v1/rollouts/{rollout.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("release-manager-key", rollout.SubmittedBy);

        using var read = await fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.Viewer)).GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task SubmitRollout_JsonPlan_Returns201()
    {
        var endpoint = TestRollouts.UniqueEndpoint();

        using var response = await SubmitAsync(TestRollouts.Json(endpoint), "application/json");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rollout = await response.Content.ReadFromJsonAsync<RolloutSummary>(Json);
        Assert.Equal(endpoint, rollout!.Endpoint);
        Assert.Equal(RolloutPhase.Pending, rollout.State);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task SubmitRollout_UnsupportedContentType_Returns415NamingTheTypes(string contentType)
    {
        using var response = await SubmitAsync(TestRollouts.Yaml(TestRollouts.UniqueEndpoint()), contentType);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/yaml", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains(contentType, problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitRollout_EmptyBody_Returns400NamingThePlan()
    {
        using var response = await SubmitAsync("  \n", "application/yaml");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["plan"], problem.ErrorFields());
    }

    [Fact]
    public async Task SubmitRollout_BodyOverTheLimit_Returns413()
    {
        var plan = TestRollouts.Yaml(TestRollouts.UniqueEndpoint()) + "\n# " + new string('x', 1024 * 1024);

        using var response = await SubmitAsync(plan, "application/yaml");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task SubmitRollout_RepeatWithSameIdempotencyKey_ReturnsTheFirstRollout()
    {
        var plan = TestRollouts.Yaml(TestRollouts.UniqueEndpoint());
        var idempotencyKey = Guid.NewGuid().ToString();

        using var first = await SubmitAsync(plan, "application/yaml", idempotencyKey);
        using var repeat = await SubmitAsync(plan, "application/yaml", idempotencyKey);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<RolloutSummary>(Json))!.Id;
        var repeatId = (await repeat.Content.ReadFromJsonAsync<RolloutSummary>(Json))!.Id;
        Assert.Equal(firstId, repeatId);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
    }

    [Fact]
    public async Task SubmitRollout_SecondPlanForBusyEndpoint_Returns409NamingTheActiveRollout()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        using var first = await SubmitAsync(TestRollouts.Yaml(endpoint), "application/yaml");
        var active = (await first.Content.ReadFromJsonAsync<RolloutSummary>(Json))!.Id;

        using var second = await SubmitAsync(TestRollouts.Yaml(endpoint), "application/yaml");

        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Contains(active.ToString(), problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(active, problem.GetProperty("activeRolloutId").GetGuid());
    }

    [Fact]
    public async Task SubmitRollout_InvalidIdempotencyKey_Returns400NamingTheHeader()
    {
        using var response = await SubmitAsync(TestRollouts.Yaml(TestRollouts.UniqueEndpoint()), "application/yaml", new string('k', 201));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["Idempotency-Key"], problem.ErrorFields());
    }

    [Fact]
    public async Task SubmitRollout_PlanWithThreeErrors_Returns400ListingEachField()
    {
        const string plan = """
            target:
              kind: local
              endpoint: bad-plan
            baseline:
              name: blue
            candidate:
              name: green
              spec:
                model: samples/models/model-2.json
                instance_count: 0
            steps:
              - deploy
              - mirror: {percent: 60, bake: 1m}
              - traffic: {percent: 150, bake: 1m}
            gates:
              policy: default
            """;

        using var response = await SubmitAsync(plan, "application/yaml");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.ErrorFields();
        Assert.Contains("candidate.spec.instance_count", fields);
        Assert.Contains("steps[1].mirror.percent", fields);
        Assert.Contains("steps[2].traffic.percent", fields);
        Assert.Contains("150", problem.GetProperty("errors").GetProperty("steps[2].traffic.percent")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitRollout_MissingModelFile_Returns400NamingTheFieldResolvedOnTheServer()
    {
        // The server resolves relative paths against its own Orchestrator:Plans:BaseDirectory, not the caller's folder.
        var baseDirectory = Directory.CreateTempSubdirectory("api-plans-");
        await using var host = await ApiTestHost.StartAsync(new ApiTestHostOptions(Settings: new Dictionary<string, string?> { ["Orchestrator:Plans:BaseDirectory"] = baseDirectory.FullName }));
        var plan = TestRollouts.Yaml(TestRollouts.UniqueEndpoint())
            .Replace("samples/models/model-2.json", "models/x.onnx", StringComparison.Ordinal)
            .Replace("instance_count: 1", "instance_count: 0", StringComparison.Ordinal);

        using var content = new StringContent(plan, Encoding.UTF8, "application/yaml");
        using var response = await host.Client(await host.KeyAsync(ActorRole.ReleaseManager)).PostAsync(new Uri("/api/v1/rollouts", UriKind.Relative), content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["candidate.spec.instance_count", "candidate.spec.model"], problem.ErrorFields().Order(StringComparer.Ordinal));
        Assert.Equal(
            $"file 'models/x.onnx' not found (resolved to {Path.Combine(baseDirectory.FullName, "models", "x.onnx")})",
            problem.GetProperty("errors").GetProperty("candidate.spec.model")[0].GetString());
        Assert.Empty(await host.Store.ListAsync(new RolloutFilter()));
        baseDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task SubmitRollout_PlanDirectory_ResolvesTheRelativePathsThereAndStoresThemAbsolute()
    {
        var planDirectory = Directory.CreateTempSubdirectory("api-plan-folder-");
        Directory.CreateDirectory(Path.Combine(planDirectory.FullName, "models"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "models", "model-2.json"), Path.Combine(planDirectory.FullName, "models", "v2.json"));
        var endpoint = TestRollouts.UniqueEndpoint();
        var plan = TestRollouts.Yaml(endpoint).Replace("samples/models/model-2.json", "models/v2.json", StringComparison.Ordinal);

        using var response = await SubmitAsync(plan, "application/yaml", planDirectory: planDirectory.FullName);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = Assert.Single(await fixture.Host.Store.ListAsync(new RolloutFilter(null, endpoint, 10)));
        Assert.Equal(Path.Combine(planDirectory.FullName, "models", "v2.json"), stored.Plan.Candidate.Spec.Model);
        planDirectory.Delete(recursive: true);
    }

    [Theory]
    [InlineData("examples", "'examples' is not an absolute path")]
    [InlineData("/no/such/plan/folder", "folder '/no/such/plan/folder' not found on the server")]
    public async Task SubmitRollout_BadPlanDirectory_Returns400NamingItAndStoresNothing(string planDirectory, string reason)
    {
        var endpoint = TestRollouts.UniqueEndpoint();

        using var response = await SubmitAsync(TestRollouts.Yaml(endpoint), "application/yaml", planDirectory: planDirectory);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["planDirectory"], problem.ErrorFields());
        Assert.StartsWith(reason, problem.GetProperty("errors").GetProperty("planDirectory")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.Host.Store.ListAsync(new RolloutFilter(null, endpoint, 10)));
    }

    private async Task<HttpResponseMessage> SubmitAsync(string plan, string contentType, string? idempotencyKey = null, string? planDirectory = null)
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.ReleaseManager));
        var path = planDirectory is null ? "/api/v1/rollouts" : $"/api/v1/rollouts?planDirectory={Uri.EscapeDataString(planDirectory)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(plan, Encoding.UTF8, contentType) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }
}
