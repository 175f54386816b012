using System.Net;
using System.Text;
using Orchestrator.Api.Tests;
using Orchestrator.Endpoints;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.SubmitRollout.Tests;

/// <summary>Submit looks at the endpoint as it is: a mirroring plan is refused on a Kubernetes endpoint (issue 4).</summary>
public sealed class EndpointComputeCheckTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task SubmitRollout_MirroringPlanOnAKubernetesEndpoint_Returns400NamingTargetCompute()
    {
        var endpoint = TestRollouts.UniqueEndpoint("k8s");
        fixture.Host.Targets.GetState = (target, _) => Task.FromResult<EndpointState?>(new EndpointState(
            target.Endpoint, EndpointCompute.Kubernetes, ProvisioningState.Succeeded, TrafficSplit.AllTo("blue"), [new DeploymentStatus("blue", ProvisioningState.Succeeded, 1)], null));

        using var response = await SubmitAsync(TestRollouts.Yaml(endpoint));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["target.compute"], problem.ErrorFields());
        var message = problem.GetProperty("errors").GetProperty("target.compute")[0].GetString();
        Assert.Contains($"endpoint {endpoint} is a Kubernetes online endpoint", message, StringComparison.Ordinal);
        Assert.Contains("mirrorOnKubernetes: skip", message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Host.Store.ListAsync(new RolloutFilter(Endpoint: endpoint)));
    }

    [Fact]
    public async Task SubmitRollout_EndpointUnreadable_AcceptedForTheMirrorStepToCheck()
    {
        var endpoint = TestRollouts.UniqueEndpoint("down");
        fixture.Host.Targets.GetState = (_, _) => throw new HttpRequestException("connection refused");

        using var response = await SubmitAsync(TestRollouts.Yaml(endpoint));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SubmitAsync(string plan)
    {
        var client = fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.ReleaseManager));
        using var content = new StringContent(plan, Encoding.UTF8, "application/yaml");
        return await client.PostAsync(new Uri("/api/v1/rollouts", UriKind.Relative), content);
    }
}
