using System.Net;
using System.Net.Http.Headers;
using Orchestrator.Api.Tests;
using Orchestrator.Rollouts;

namespace Orchestrator.Dashboard.Tests;

/// <summary>The embedded dashboard over real HTTP: redirects, content types, security headers, and no data without a key.</summary>
public sealed class DashboardEndpointsTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard")]
    public async Task Get_RootOrDashboardWithoutSlash_RedirectsToTheDashboard(string path)
    {
        using var client = NoRedirects();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/dashboard/", "text/html")]
    [InlineData("/dashboard/index.html", "text/html")]
    [InlineData("/dashboard/dashboard.css", "text/css")]
    [InlineData("/dashboard/js/app.js", "text/javascript")]
    [InlineData("/dashboard/js/rolloutView.js", "text/javascript")]
    [InlineData("/dashboard/favicon.svg", "image/svg+xml")]
    public async Task Get_DashboardFile_ServedWithItsContentTypeAndSecurityHeaders(string path, string mediaType)
    {
        using var response = await fixture.Host.Client().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoCache, "the page must revalidate, so a new version never runs with old modules");
    }

    [Fact]
    public async Task Get_SameETagAgain_Returns304()
    {
        var client = fixture.Host.Client();
        using var first = await client.GetAsync(new Uri("/dashboard/js/app.js", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/js/app.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/nothing-here.js")]
    [InlineData("/dashboard/../appsettings.json")]
    [InlineData("/dashboard/%2e%2e/Orchestrator.dll")]
    public async Task Get_UnknownDashboardFile_Returns404(string path)
    {
        using var response = await fixture.Host.Client().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_PageWithoutKey_LoadsButCarriesNoDataAndTheApiRefusesIt()
    {
        var rollout = await fixture.Host.InsertAsync(TestRollouts.Create("dashboard-secret-endpoint", RolloutPhase.Canary, 2));
        var anonymous = fixture.Host.Client();

        using var page = await anonymous.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        using var list = await anonymous.GetAsync(new Uri("/api/v1/rollouts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"key-prompt\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("dashboard-secret-endpoint", html, StringComparison.Ordinal);
        Assert.DoesNotContain(rollout.Id.ToString(), html, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.Unauthorized);
    }

    private HttpClient NoRedirects()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }
}
