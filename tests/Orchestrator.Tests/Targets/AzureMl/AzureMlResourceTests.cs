using System.Text.Json.Nodes;
using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl.Tests;

public sealed class AzureMlResourceTests
{
    private static readonly AzureMlResourceIds Ids = new(new AzureWorkspace("sub-1", "rg-1", "ws-1"), "Endpoint-1");

    [Fact]
    public void ResourceIds_MixedCaseNames_AreLowerCasedAsTheCliSendsThem()
    {
        Assert.Equal("/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws-1/onlineEndpoints/endpoint-1/deployments/green", Ids.Deployment("Green"));
        Assert.EndsWith("/onlineEndpoints/endpoint-1/providers/Microsoft.Insights/metrics", Ids.Metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void ForPut_GetAnswer_DropsReadOnlyFieldsAndKeepsTheRest()
    {
        var resource = JsonNode.Parse("""
            {"id":"/x","name":"ep","type":"t","systemData":{"createdAt":"2026-01-01T00:00:00Z"},"location":"eastus","tags":{"team":"ml"},
             "identity":{"type":"SystemAssigned","principalId":"p","tenantId":"t"},
             "properties":{"authMode":"Key","provisioningState":"Succeeded","scoringUri":"https://s","swaggerUri":"https://w","traffic":{"blue":100},"description":"keep me"}}
            """)!.AsObject();

        var body = AzureMlResource.ForPut(resource);

        Assert.Equal("""{"location":"eastus","tags":{"team":"ml"},"identity":{"type":"SystemAssigned"},"properties":{"authMode":"Key","traffic":{"blue":100},"description":"keep me"}}""", body.ToJsonString());
        Assert.NotNull(resource["systemData"]);
    }

    [Fact]
    public void ToState_KubernetesComputeAndScaling_MapsKindAndStates()
    {
        var endpoint = JsonNode.Parse("""{"name":"ep","properties":{"compute":"/subscriptions/s/computes/aks","provisioningState":"Updating","traffic":{"Blue":100,"green":0},"mirrorTraffic":{}}}""")!.AsObject();
        JsonObject[] deployments =
        [
            JsonNode.Parse("""{"name":"blue","sku":{"capacity":3},"properties":{"provisioningState":"Scaling"}}""")!.AsObject(),
            JsonNode.Parse("""{"name":"green","properties":{"provisioningState":"Failed"}}""")!.AsObject(),
        ];

        var state = AzureMlResource.ToState("ep", endpoint, deployments);

        Assert.Equal(EndpointCompute.Kubernetes, state.Compute);
        Assert.Equal(ProvisioningState.Updating, state.Provisioning);
        Assert.Equal(TrafficSplit.AllTo("Blue"), state.Traffic);
        Assert.Equal(new DeploymentStatus("blue", ProvisioningState.Updating, 3), state.Deployment("BLUE"));
        Assert.Equal(ProvisioningState.Failed, state.Deployment("green")!.Provisioning);
    }

    [Fact]
    public void TrafficMap_MixedCaseAndZeroEntries_SendsWhatTheCliSends()
    {
        var map = AzureMlResource.TrafficMap([new("Blue", 0), new("GREEN", 100)]);

        Assert.Equal("""{"green":100}""", map.ToJsonString());
    }
}
