using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Targets.AzureMl.Tests;

/// <summary>The emulator answers as contract §1.4–§1.6, §4.3 and §6 say, so the target's tests prove something about Azure.</summary>
public sealed class EmulatorContractTests(AzureMlHarness harness) : IClassFixture<AzureMlHarness>
{
    private const string Version = "?api-version=2025-12-01";

    private static string EndpointPath(string endpoint) =>
        $"subscriptions/{AzureMlHarness.Subscription}/resourceGroups/{AzureMlHarness.ResourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/{AzureMlHarness.WorkspaceName}/onlineEndpoints/{endpoint}";

    [Fact]
    public async Task Requests_MissingAuthOrApiVersion_AnswerArmErrors()
    {
        using var http = Http();

        using var noToken = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, EndpointPath("ep-x") + Version));
        using var noVersion = await http.SendAsync(Authorized(HttpMethod.Get, EndpointPath("ep-x")));
        using var oldVersion = await http.SendAsync(Authorized(HttpMethod.Get, EndpointPath("ep-x") + "?api-version=2021-03-01-preview"));

        Assert.Equal(("AuthenticationFailed", HttpStatusCode.Unauthorized), (await CodeAsync(noToken), noToken.StatusCode));
        Assert.Equal(("MissingApiVersionParameter", HttpStatusCode.BadRequest), (await CodeAsync(noVersion), noVersion.StatusCode));
        Assert.Equal(("NoRegisteredProviderFound", HttpStatusCode.BadRequest), (await CodeAsync(oldVersion), oldVersion.StatusCode));
        Assert.True(noVersion.Headers.Contains("x-ms-request-id"));
    }

    [Fact]
    public async Task PutEndpoint_TrafficBreakingRules_Answers400NamingEachRule()
    {
        harness.Reset();
        using var http = Http();
        var body = """{"location":"eastus","properties":{"authMode":"Key","traffic":{"blue":70},"mirrorTraffic":{"blue":20,"green":40}}}""";

        using var response = await http.SendAsync(Authorized(HttpMethod.Put, EndpointPath("ep-v") + Version, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await JsonAsync(response))["error"]!["details"]!.AsArray().Select(d => d!["message"]!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.StartsWith("Traffic values must sum to 0 or 100", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Mirror traffic cannot exceed 50 percent", StringComparison.Ordinal));
        Assert.Contains("Mirror traffic can target only one deployment.", messages);
        Assert.Contains("Deployment 'blue' cannot receive both live and mirrored traffic.", messages);
        Assert.Contains("Deployment 'green' does not exist under endpoint 'ep-v'.", messages);
    }

    [Fact]
    public async Task Mutations_DuringAnOperationOrOnLiveDeployment_Answer409()
    {
        harness.Reset();
        await harness.BlueAtFullTrafficAsync("ep-conflict");
        using var http = Http();
        harness.Emulator.Knobs.LroPolls = 1000;
        var put = """{"location":"eastus","properties":{"authMode":"Key","traffic":{"blue":100}}}""";

        using var first = await http.SendAsync(Authorized(HttpMethod.Put, EndpointPath("ep-conflict") + Version, put));
        using var second = await http.SendAsync(Authorized(HttpMethod.Put, EndpointPath("ep-conflict") + Version, put));
        harness.Emulator.Knobs.LroPolls = 0;
        using var deleteLive = await http.SendAsync(Authorized(HttpMethod.Delete, EndpointPath("ep-conflict") + "/deployments/blue" + Version));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.GetValues("Azure-AsyncOperation").Single());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deleteLive.StatusCode);
        Assert.Contains("100% live traffic", (await JsonAsync(deleteLive))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchEndpoint_Answers202ThenTheResourceFromLocation()
    {
        harness.Reset();
        await harness.BlueAtFullTrafficAsync("ep-patch");
        harness.Emulator.Knobs.LroPolls = 1;
        using var http = Http();

        using var accepted = await http.SendAsync(Authorized(HttpMethod.Patch, EndpointPath("ep-patch") + Version, """{"tags":{"team":"ml"}}"""));
        var location = accepted.Headers.Location!;
        using var pending = await http.SendAsync(Authorized(HttpMethod.Get, location.AbsoluteUri));
        using var done = await http.SendAsync(Authorized(HttpMethod.Get, location.AbsoluteUri));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Contains("/mfeOperationResults/", location.AbsolutePath, StringComparison.Ordinal);
        Assert.NotNull(accepted.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("ml", (await JsonAsync(done))["tags"]!["team"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_SplitByDeployment_AnswersLowerCasedDimensionsAndEmptyMinutes()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-metrics");
        await target.InvokeAsync("{\"data\": [[1,2,3,4,5,6,7,8,9,10]]}");
        using var http = Http();
        var now = harness.Emulator.Clock.GetUtcNow();
        var span = $"{now.AddMinutes(-2):yyyy-MM-ddTHH:mm:ssZ}/{now.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}";

        using var response = await http.SendAsync(Authorized(HttpMethod.Get, EndpointPath("ep-metrics") + $"/providers/Microsoft.Insights/metrics?api-version=2024-02-01&metricnames=RequestsPerMinute&interval=PT1M&aggregation=average&timespan={span}&$filter=Deployment eq '*' and statusCodeClass eq '*'"));

        var metric = (await JsonAsync(response))["value"]![0]!;
        var series = Assert.Single(metric["timeseries"]!.AsArray());
        Assert.Equal(["deployment", "statuscodeclass"], series!["metadatavalues"]!.AsArray().Select(m => m!["name"]!["value"]!.GetValue<string>()));
        Assert.Equal(["blue", "2xx"], series["metadatavalues"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));
        var points = series["data"]!.AsArray();
        Assert.Equal(1.0, points.Sum(p => p!["average"]?.GetValue<double>() ?? 0));
        Assert.Contains(points, p => p!["average"] is null);
        Assert.Equal("Success", metric["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task ControlApi_SeedAndKnobs_TakeEffectForClients()
    {
        harness.Reset();
        using var http = Http();
        var seed = new JsonObject
        {
            ["subscription"] = AzureMlHarness.Subscription,
            ["resourceGroup"] = AzureMlHarness.ResourceGroup,
            ["workspace"] = AzureMlHarness.WorkspaceName,
            ["endpoint"] = "ep-seeded",
            ["traffic"] = new JsonObject { ["blue"] = 100 },
        }.ToJsonString();

        using var seeded = await http.PostAsync("_emulator/endpoints", new StringContent(seed, Encoding.UTF8, "application/json"));
        using var knobs = await http.PostAsync("_emulator/knobs", new StringContent("""{"failProvisioning":{"deployment":"green","message":"seeded failure"}}""", Encoding.UTF8, "application/json"));
        var target = harness.Target("ep-seeded");
        var state = await target.GetStateAsync();
        var failure = await Assert.ThrowsAsync<DeploymentFailedException>(() => target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2")));
        var log = JsonNode.Parse(await http.GetStringAsync("_emulator/requests"))!.AsArray();

        Assert.Equal(HttpStatusCode.NoContent, seeded.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, knobs.StatusCode);
        Assert.Equal(Endpoints.TrafficSplit.AllTo("blue"), state!.Traffic);
        Assert.Contains("seeded failure", failure.Message, StringComparison.Ordinal);
        Assert.Contains(log, r => r!["method"]!.GetValue<string>() == "PUT" && r["path"]!.GetValue<string>().EndsWith("/deployments/green", StringComparison.Ordinal));
    }

    private HttpClient Http() => new(ExtraCaTrust.CreateHandler(ExtraCaTrust.FromPemFile(harness.Default.Options.TrustedCaCertificateFile!))) { BaseAddress = harness.Emulator.BaseUrl };

    private HttpRequestMessage Authorized(HttpMethod method, string uri, string? body = null)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", harness.Token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task<string> CodeAsync(HttpResponseMessage response) => (await JsonAsync(response))["error"]!["code"]!.GetValue<string>();
}
