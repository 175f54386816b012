using System.Net;
using System.Text;
using Orchestrator.Rollouts;

namespace Orchestrator.Api.Tests;

/// <summary>
/// Bodies and query values the framework cannot bind answer a problem naming the field, like every other 400
/// (docs/api.md, Errors), never the framework's message with .NET type names.
/// </summary>
public sealed class RequestBindingProblemTests
{
    [Theory]
    [InlineData("""{"reason": 5}""", "reason", "has the wrong JSON type")]
    [InlineData("""[1, 2]""", "body", "must be a JSON object")]
    [InlineData("""{"reason": """, "reason", "is not valid JSON (line 1, byte 12): Expected depth to be zero at the end of the JSON payload")]
    public async Task PauseRollout_BodyThatDoesNotBind_NamesTheField(string body, string field, string reason)
    {
        await using var host = await ApiTestHost.StartAsync();
        var rollout = await host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));

        using var response = await host.Client(host.AdminKey).PostAsync(
            new Uri($"/api/v1/rollouts/{rollout.Id}/pause", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Equal(reason, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.DoesNotContain("Orchestrator.Api", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateApiKey_NoBody_NamesTheBody()
    {
        await using var host = await ApiTestHost.StartAsync();

        using var response = await host.Client(host.AdminKey).PostAsync(new Uri("/api/v1/keys", UriKind.Relative), content: null);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["body"], problem.ErrorFields());
        Assert.DoesNotContain("Implicit body", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/rollouts?limit=abc", "limit", "'abc' is not a whole number")]
    [InlineData("/api/v1/rollouts/00000000-0000-0000-0000-000000000001/gates?step=x", "step", "'x' is not a whole number")]
    public async Task ReadRoute_QueryValueOfTheWrongType_NamesTheParameter(string route, string field, string reason)
    {
        await using var host = await ApiTestHost.StartAsync();

        using var response = await host.Client(host.AdminKey).GetAsync(new Uri(route, UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Equal(reason, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }
}
