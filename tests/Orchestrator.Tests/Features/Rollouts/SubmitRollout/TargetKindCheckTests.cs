using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Api.Tests;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets;

namespace Orchestrator.Features.Rollouts.SubmitRollout.Tests;

/// <summary>
/// A plan for a target kind the node cannot drive is refused at submit: stored, it would stay Pending while every
/// tick failed ("target kind AzureMl is not configured on this node" in the log, nothing for the user).
/// </summary>
public sealed class TargetKindCheckTests
{
    private const string AzureMlPlan = """
        target: {kind: azureml, endpoint: my-endpoint, subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg, workspace: my-workspace}
        baseline: {name: blue}
        candidate: {name: green, spec: {model: "azureml:my-model:2"}}
        """;

    [Fact]
    public async Task SubmitRollout_AzureMlPlanOnANodeWithoutAzureMl_Returns400NamingTargetKind()
    {
        await using var host = await StartLocalOnlyAsync();

        using var response = await SubmitAsync(host, AzureMlPlan);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["target.kind"], problem.ErrorFields());
        Assert.StartsWith("this service has no Azure ML target", problem.GetProperty("errors").GetProperty("target.kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await host.Store.ListAsync(new RolloutFilter(Endpoint: "my-endpoint")));
    }

    [Fact]
    public async Task SubmitRollout_LocalPlanOnTheSameNode_IsAccepted()
    {
        await using var host = await StartLocalOnlyAsync();

        using var response = await SubmitAsync(host, TestRollouts.Yaml(TestRollouts.UniqueEndpoint("kind")));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The API with serve's routing by target kind, and the local kind only (no AzureMl section).</summary>
    private static Task<ApiTestHost> StartLocalOnlyAsync() => ApiTestHost.StartAsync(new ApiTestHostOptions(Services: services =>
    {
        services.AddKeyedSingleton<IEndpointTargetFactory>(TargetKind.Local, new FakeTargets());
        services.AddSingleton<TargetKindRouter>();
        services.AddSingleton<IEndpointTargetFactory>(sp => sp.GetRequiredService<TargetKindRouter>());
    }));

    private static async Task<HttpResponseMessage> SubmitAsync(ApiTestHost host, string plan)
    {
        var client = host.Client(await host.KeyAsync(ActorRole.ReleaseManager));
        using var content = new StringContent(plan, Encoding.UTF8, "application/yaml");
        return await client.PostAsync(new Uri("/api/v1/rollouts", UriKind.Relative), content);
    }
}
