using System.Text.Json.Nodes;
using AzureMlEmulator;
using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl.Tests;

public sealed class AzureMlEndpointTargetTests(AzureMlHarness harness) : IClassFixture<AzureMlHarness>
{

    [Fact]
    public async Task DefaultPath_FromNothing_SendsTheWalkthroughSequenceOfRestCalls()
    {
        harness.Reset();
        var target = harness.Target("ep-walkthrough");

        await target.EnsureEndpointAsync();
        await target.PutDeploymentAsync("blue", AzureMlHarness.Spec("model-1"));
        await target.SetTrafficAsync(TrafficSplit.AllTo("blue"));
        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));
        await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 100)], [new("green", 10)]));
        await target.SetTrafficAsync(TrafficSplit.AllTo("blue"));
        await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 90), new("green", 10)]));
        await target.SetTrafficAsync(TrafficSplit.Create([new("blue", 0), new("Green", 100)]));
        await target.DeleteDeploymentAsync("blue");

        string[] expected =
        [
            "PUT /onlineEndpoints/ep-walkthrough authMode=Key",
            "PUT /onlineEndpoints/ep-walkthrough/deployments/blue",
            "PUT /onlineEndpoints/ep-walkthrough traffic={\"blue\":100} mirror={}",
            "PUT /onlineEndpoints/ep-walkthrough/deployments/green",
            "PUT /onlineEndpoints/ep-walkthrough traffic={\"blue\":100} mirror={\"green\":10}",
            "PUT /onlineEndpoints/ep-walkthrough traffic={\"blue\":100} mirror={}",
            "PUT /onlineEndpoints/ep-walkthrough traffic={\"blue\":90,\"green\":10} mirror={}",
            "PUT /onlineEndpoints/ep-walkthrough traffic={\"green\":100} mirror={}",
            "DELETE /onlineEndpoints/ep-walkthrough/deployments/blue",
        ];
        Assert.Equal(expected, harness.Calls("ep-walkthrough").Where(c => c.IsMutation).Select(Describe));
        Assert.All(harness.Emulator.Requests.Entries, r => Assert.Contains("api-version=2025-12-01", r.Query, StringComparison.Ordinal));
        Assert.Equal(404, harness.Calls("ep-walkthrough")[0].Status);

        var state = await target.GetStateAsync();
        Assert.NotNull(state);
        Assert.Equal(TrafficSplit.AllTo("green"), state.Traffic);
        Assert.Equal(["green"], state.Deployments.Select(d => d.Name));
    }

    [Fact]
    public async Task GetState_AfterCandidateCreated_ReportsTrafficDeploymentsAndKind()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-state");
        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2", instances: 2));

        var state = await target.GetStateAsync();

        Assert.NotNull(state);
        Assert.Equal(EndpointCompute.Managed, state.Compute);
        Assert.Equal(ProvisioningState.Succeeded, state.Provisioning);
        Assert.Equal(TrafficSplit.AllTo("blue"), state.Traffic);
        Assert.Equal(ProvisioningState.Succeeded, state.Deployment("green")?.Provisioning);
        Assert.Equal(2, state.Deployment("GREEN")?.InstanceCount);
        Assert.Equal(new Uri(harness.Emulator.BaseUrl, "inference/ep-state/score"), state.ScoringUri);
    }

    [Fact]
    public async Task GetState_EndpointMissing_ReturnsNull()
    {
        harness.Reset();

        Assert.Null(await harness.Target("nowhere").GetStateAsync());
    }

    [Fact]
    public async Task GetState_ManyDeployments_FollowsNextLinkPages()
    {
        var paged = new AzureMlHarness(o => o.PageSize = 1);
        await paged.InitializeAsync();
        var target = await paged.BlueAtFullTrafficAsync("ep-paged");
        await target.PutDeploymentAsync("green", AzureMlHarness.Spec("model-2"));

        var state = await target.GetStateAsync();

        Assert.Equal(["blue", "green"], state!.Deployments.Select(d => d.Name).Order());
        await paged.DisposeAsync();
    }

    [Fact]
    public async Task SetTraffic_SplitAlreadyInPlace_SendsNoPut()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-unchanged");
        var before = harness.Calls("ep-unchanged").Count(c => c.IsMutation);

        await target.SetTrafficAsync(TrafficSplit.Create([new("BLUE", 100)]));

        Assert.Equal(before, harness.Calls("ep-unchanged").Count(c => c.IsMutation));
    }

    [Fact]
    public async Task EnsureEndpoint_AlreadyThere_SendsNoPut()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-ensure-again");
        var before = harness.Calls("ep-ensure-again").Count(c => c.IsMutation);

        await target.EnsureEndpointAsync();

        Assert.Equal(before, harness.Calls("ep-ensure-again").Count(c => c.IsMutation));
    }

    [Fact]
    public async Task EnsureEndpoint_LocationConfigured_CreatesThereWithoutAskingTheWorkspace()
    {
        harness.Reset();
        await using var client = harness.Client(settings => settings["AzureMl:Location"] = "westeurope");

        await client.Target("ep-westeurope").EnsureEndpointAsync();

        var put = harness.Calls("ep-westeurope").Single(c => c.IsMutation);
        Assert.Equal("westeurope", JsonNode.Parse(put.Body!)!["location"]!.GetValue<string>());
        Assert.DoesNotContain(harness.Emulator.Requests.Entries, c => c.Path.EndsWith("/workspaces/" + AzureMlHarness.WorkspaceName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScaleDeployment_NewCount_FullPutWithSkuCapacity()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-scale");

        await target.ScaleDeploymentAsync("blue", 3);

        var put = harness.Calls("ep-scale").Last(c => c.IsMutation);
        Assert.Equal("PUT", put.Method);
        var body = JsonNode.Parse(put.Body!)!;
        Assert.Equal(3, body["sku"]!["capacity"]!.GetValue<int>());
        Assert.Equal("Default", body["sku"]!["name"]!.GetValue<string>());
        Assert.NotNull(body["properties"]!["model"]);
        Assert.Null(body["properties"]!["provisioningState"]);
        Assert.Equal(3, (await target.GetStateAsync())!.Deployment("blue")!.InstanceCount);
    }

    [Fact]
    public async Task DeleteDeployment_AlreadyGone_SucceedsWithoutDelete()
    {
        harness.Reset();
        var target = await harness.BlueAtFullTrafficAsync("ep-delete-gone");

        await target.DeleteDeploymentAsync("green");

        Assert.DoesNotContain(harness.Calls("ep-delete-gone"), c => c.Method == "DELETE");
    }

    [Fact]
    public async Task GetState_EmulatorCaNotTrusted_RefusesTheConnection()
    {
        harness.Reset();
        await using var client = harness.Client(settings =>
        {
            settings.Remove("AzureMl:TrustedCaCertificateFile");
            settings["AzureMl:MaxRetries"] = "0";
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => client.Target("ep-untrusted").GetStateAsync());

        Assert.Contains("SSL", failure.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(harness.Emulator.Requests.Entries);
    }

    internal static string Describe(LoggedRequest request)
    {
        var tail = request.Path[(request.Path.IndexOf("/onlineEndpoints", StringComparison.Ordinal))..];
        var body = request.Body is null ? null : JsonNode.Parse(request.Body);
        if (request.Method != "PUT" || tail.Contains("/deployments/", StringComparison.Ordinal) || body?["properties"] is not JsonObject properties)
        {
            return $"{request.Method} {tail}";
        }

        return properties["traffic"] is null
            ? $"PUT {tail} authMode={properties["authMode"]}"
            : $"PUT {tail} traffic={properties["traffic"]!.ToJsonString()} mirror={properties["mirrorTraffic"]?.ToJsonString()}";
    }
}
