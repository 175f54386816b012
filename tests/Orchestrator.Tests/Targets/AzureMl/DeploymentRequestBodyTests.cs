using System.Text.Json.Nodes;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl.Tests;

public sealed class DeploymentRequestBodyTests
{
    private static readonly AzureMlResourceIds Ids = new(new AzureWorkspace("sub-1", "rg-1", "ws-1"), "Endpoint-1");

    [Fact]
    public void Build_FullSpec_MapsAzMlFieldNamesToTheRestBody()
    {
        var spec = new DeploymentSpec(
            "azureml:model-1:3",
            new CodeConfiguration("azureml:score-code:2", "score.py"),
            "azureml://registries/azureml/environments/sklearn-1.5/versions/7",
            "Standard_DS3_v2",
            2,
            new RequestSettings(TimeSpan.FromSeconds(90), 4, TimeSpan.FromMilliseconds(500)),
            new ProbeSettings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), 30, 1),
            new ProbeSettings(null, TimeSpan.FromSeconds(5), null, null, null),
            new Dictionary<string, string> { ["WORKERS"] = "2" },
            null);

        var body = DeploymentRequestBody.Build(spec, "eastus", EndpointCompute.Managed, Ids, out var problems);

        Assert.Empty(problems);
        Assert.Equal("eastus", body["location"]!.GetValue<string>());
        Assert.Equal("""{"name":"Default","capacity":2}""", body["sku"]!.ToJsonString());
        var properties = body["properties"]!;
        Assert.Equal("Managed", properties["endpointComputeType"]!.GetValue<string>());
        Assert.Equal("/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws-1/models/model-1/versions/3", properties["model"]!.GetValue<string>());
        Assert.Equal("/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws-1/codes/score-code/versions/2", properties["codeConfiguration"]!["codeId"]!.GetValue<string>());
        Assert.Equal("score.py", properties["codeConfiguration"]!["scoringScript"]!.GetValue<string>());
        Assert.Equal("azureml://registries/azureml/environments/sklearn-1.5/versions/7", properties["environmentId"]!.GetValue<string>());
        Assert.Equal("Standard_DS3_v2", properties["instanceType"]!.GetValue<string>());
        Assert.Equal("""{"requestTimeout":"PT1M30S","maxConcurrentRequestsPerInstance":4,"maxQueueWait":"PT0.5S"}""", properties["requestSettings"]!.ToJsonString());
        Assert.Equal("""{"initialDelay":"PT10S","period":"PT10S","timeout":"PT2S","failureThreshold":30,"successThreshold":1}""", properties["livenessProbe"]!.ToJsonString());
        Assert.Equal("""{"period":"PT5S"}""", properties["readinessProbe"]!.ToJsonString());
        Assert.Equal("2", properties["environmentVariables"]!["WORKERS"]!.GetValue<string>());
    }

    [Fact]
    public void Build_KubernetesEndpointAndArmIds_KeepsIdsAndSaysKubernetes()
    {
        const string Model = "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/models/m/versions/1";

        var body = DeploymentRequestBody.Build(new DeploymentSpec(Model, null, null, null, 1, null, null, null, null, null), "westus", EndpointCompute.Kubernetes, Ids, out var problems);

        Assert.Empty(problems);
        Assert.Equal("Kubernetes", body["properties"]!["endpointComputeType"]!.GetValue<string>());
        Assert.Equal(Model, body["properties"]!["model"]!.GetValue<string>());
        Assert.Null(body["properties"]!["codeConfiguration"]);
    }

    [Fact]
    public void Build_LocalPathsAndZeroInstances_ReportsEveryProblem()
    {
        var spec = new DeploymentSpec("./model", new CodeConfiguration("./code", "score.py"), "python:3.12", null, 0, null, null, null, null, null);

        DeploymentRequestBody.Build(spec, "eastus", EndpointCompute.Managed, Ids, out var problems);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("model './model'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("code_configuration.code './code'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("environment 'python:3.12'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("instance_count is 0", StringComparison.Ordinal));
    }
}
