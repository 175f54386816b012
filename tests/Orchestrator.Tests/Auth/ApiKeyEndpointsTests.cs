using System.Net;
using System.Net.Http.Json;
using Orchestrator.Api;
using Orchestrator.Api.Tests;
using Orchestrator.Rollouts;

namespace Orchestrator.Auth.Tests;

/// <summary>Key management over real HTTP (admin only).</summary>
public sealed class ApiKeyEndpointsTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task CreateApiKey_ValidRequest_Returns201WithASecretThatWorksForItsRole()
    {
        var admin = fixture.Host.Client(fixture.Host.AdminKey);

        using var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "pager-duty", role = "on-call" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/keys/pager-duty", response.Headers.Location?.OriginalString);
        var created = (await response.Content.ReadFromJsonAsync<CreatedApiKey>())!;
        Assert.Equal(("pager-duty", "on-call"), (created.Name, created.Role));
        using var read = await fixture.Host.Client(created.Key).GetAsync(new Uri("/api/v1/rollouts", UriKind.Relative));
        using var manage = await fixture.Host.Client(created.Key).GetAsync(new Uri("/api/v1/keys", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, manage.StatusCode);
    }

    [Fact]
    public async Task ListApiKeys_NeverShowsSecrets()
    {
        var admin = fixture.Host.Client(fixture.Host.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "listed", role = "viewer" });
        var secret = (await created.Content.ReadFromJsonAsync<CreatedApiKey>())!.Key;

        var text = await admin.GetStringAsync(new Uri("/api/v1/keys", UriKind.Relative));
        var list = await admin.GetFromJsonAsync<ApiKeyList>("/api/v1/keys");

        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Host.AdminKey!, text, StringComparison.Ordinal);
        Assert.Contains(list!.Keys, k => k is { Name: "listed", Role: "viewer" });
        Assert.Contains(list.Keys, k => k is { Name: "admin", Role: "admin", CreatedBy: "configuration" });
    }

    [Fact]
    public async Task CreateApiKey_BadNameAndRole_Returns400NamingBoth()
    {
        using var response = await fixture.Host.Client(fixture.Host.AdminKey).PostAsJsonAsync("/api/v1/keys", new { name = "no spaces!", role = "system" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["name", "role"], problem.ErrorFields());
    }

    [Fact]
    public async Task CreateApiKey_NameTaken_Returns409()
    {
        var admin = fixture.Host.Client(fixture.Host.AdminKey);
        using var first = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "twice", role = "viewer" });

        using var second = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "TWICE", role = "admin" });

        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Contains("TWICE", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeApiKey_Key_Returns204AndTheKeyStopsWorkingAtOnce()
    {
        var admin = fixture.Host.Client(fixture.Host.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "leaked", role = "release-manager" });
        var secret = (await created.Content.ReadFromJsonAsync<CreatedApiKey>())!.Key;

        using var revoke = await admin.DeleteAsync(new Uri("/api/v1/keys/leaked", UriKind.Relative));
        using var afterwards = await fixture.Host.Client(secret).GetAsync(new Uri("/api/v1/rollouts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Fact]
    public async Task RevokeApiKey_LastAdmin_Returns409()
    {
        using var response = await fixture.Host.Client(fixture.Host.AdminKey).DeleteAsync(new Uri("/api/v1/keys/admin", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("last admin key", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateApiKey_ByReleaseManager_Returns403()
    {
        var key = await fixture.Host.KeyAsync(ActorRole.ReleaseManager);

        using var response = await fixture.Host.Client(key).PostAsJsonAsync("/api/v1/keys", new { name = "escalate", role = "admin" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
