using System.Net;
using System.Net.Http.Json;
using Orchestrator.Auth;
using Orchestrator.Rollouts;

namespace Orchestrator.Api.Tests;

/// <summary><c>GET /api/v1/me</c>: any valid key learns its name, role and what the role may send (the dashboard's menu).</summary>
public sealed class CurrentKeyEndpointsTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Uri Me = new("/api/v1/me", UriKind.Relative);

    [Fact]
    public async Task GetCurrentKey_NoKey_Returns401Problem()
    {
        using var response = await fixture.Host.Client().GetAsync(Me);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Authorization: Bearer", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCurrentKey_UnknownKey_Returns401Problem()
    {
        using var response = await fixture.Host.Client(ApiKeySecret.Generate()).GetAsync(Me);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", problem.Detail(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ActorRole.Viewer, "viewer", "")]
    [InlineData(ActorRole.OnCall, "on-call", "pause resume abort")]
    [InlineData(ActorRole.ReleaseManager, "release-manager", "submit promote approve retry")]
    [InlineData(ActorRole.Admin, "admin", "submit pause resume abort promote approve retry")]
    public async Task GetCurrentKey_EachRole_ReturnsNameRoleAndPermittedActions(ActorRole role, string roleName, string actions)
    {
        var key = await fixture.Host.KeyAsync(role);

        var me = await fixture.Host.Client(key).GetFromJsonAsync<CurrentKeyView>(Me, ApiJson.Options);

        Assert.NotNull(me);
        Assert.Equal(role == ActorRole.Admin ? AdminKeyBootstrapper.AdminKeyName : $"{roleName}-key", me.Name);
        Assert.Equal(roleName, me.Role);
        Assert.Equal(actions.Split(' ', StringSplitOptions.RemoveEmptyEntries), me.Actions);
    }

    [Fact]
    public async Task GetCurrentKey_ActionsOfEachRole_AgreeWithTheActionRoutesAuthorization()
    {
        // The page offers a button only when /me lists the action; the route must then let the key through (404 for an
        // unknown rollout, never 403), and refuse every action /me leaves out.
        var unknown = Guid.NewGuid();
        foreach (var role in ApiRoles.KeyRoles)
        {
            var client = fixture.Host.Client(await fixture.Host.KeyAsync(role));
            var me = await client.GetFromJsonAsync<CurrentKeyView>(Me, ApiJson.Options);
            foreach (var action in new[] { "pause", "resume", "abort", "promote", "approve", "retry" })
            {
                using var response = await client.PostAsJsonAsync($"/api/v1/rollouts/{unknown}/{action}", new { reason = "check" });
                var expected = me!.Actions.Contains(action) ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
                Assert.True(expected == response.StatusCode, $"{role} {action}: /me says {expected}, the route answered {response.StatusCode}");
            }
        }
    }
}
