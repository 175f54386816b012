using System.Net.Http.Json;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Rollouts;

namespace Orchestrator.Api.Tests;

/// <summary><c>X-Orchestrator-Client</c> names the audit source of an action; identity still comes from the key alone.</summary>
public sealed class ClientHeaderTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Theory]
    [InlineData("cli", CommandSource.Cli)]
    [InlineData("dashboard", CommandSource.Dashboard)]
    [InlineData("Dashboard", CommandSource.Dashboard)]
    [InlineData("scheduler", CommandSource.Api)]
    [InlineData("webhook", CommandSource.Api)]
    [InlineData(null, CommandSource.Api)]
    public async Task PauseRollout_ClientHeader_RecordsTheSourceItNamesOrApi(string? client, CommandSource expected)
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create(TestRollouts.UniqueEndpoint(), RolloutPhase.Canary, stepIndex: 2));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/rollouts/{rollout.Id}/pause");
        if (client is not null)
        {
            request.Headers.Add(ClientHeader.Name, client);
        }

        using var response = await fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.OnCall)).SendAsync(request);

        response.EnsureSuccessStatusCode();
        var pause = Assert.Single(await fixture.Host.Store.GetAuditAsync(rollout.Id), e => e.Action == "Pause");
        Assert.Equal((expected, "on-call-key", ActorRole.OnCall), (pause.Actor.Source, pause.Actor.Name, pause.Actor.Role));
    }

    [Fact]
    public async Task SubmitRollout_DashboardHeader_RecordsSourceDashboardWithTheKeysName()
    {
        var endpoint = TestRollouts.UniqueEndpoint();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rollouts") { Content = new StringContent(TestRollouts.Yaml(endpoint), null, "application/yaml") };
        request.Headers.Add(ClientHeader.Name, "dashboard");

        using var response = await fixture.Host.Client(await fixture.Host.KeyAsync(ActorRole.ReleaseManager)).SendAsync(request);

        response.EnsureSuccessStatusCode();
        var rollout = await response.Content.ReadFromJsonAsync<RolloutSummary>(ApiJson.Options);
        var submit = Assert.Single(await fixture.Host.Store.GetAuditAsync(rollout!.Id));
        Assert.Equal((CommandSource.Dashboard, "release-manager-key"), (submit.Actor.Source, submit.Actor.Name));
    }
}
