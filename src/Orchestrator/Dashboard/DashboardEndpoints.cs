using Microsoft.Net.Http.Headers;

namespace Orchestrator.Dashboard;

/// <summary>
/// The web dashboard: <c>/</c> and <c>/dashboard</c> redirect to <c>/dashboard/</c>, which serves the embedded page. The page
/// itself needs no key (it holds no data); every datum it shows comes from <c>/api/v1</c> with the key the user pastes.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Where the dashboard lives.</summary>
    public const string Root = "/dashboard/";

    /// <summary>
    /// Only the page's own files run or style it: no inline script or style, no other origin, no framing. Style
    /// attributes set from script (CSSOM) are allowed by CSP; inline style markup is not.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Maps the redirects and <c>GET /dashboard/{**path}</c> (anonymous).</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => TypedResults.Redirect(Root)).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/dashboard/{**path}", ServeDashboardFile).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    internal static IResult ServeDashboardFile(string? path, HttpContext context)
    {
        // The catch-all also matches /dashboard itself; the page's relative links (js/app.js) need the trailing slash.
        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
        {
            return TypedResults.Redirect(Root);
        }

        var file = DashboardFiles.Embedded.Find(string.IsNullOrEmpty(path) ? "index.html" : path);
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";

        // Revalidate every time (the ETag makes that a 304): a new service version must never run with old modules.
        headers.CacheControl = "no-cache";
        return TypedResults.File(file.Content, file.ContentType, entityTag: EntityTagHeaderValue.Parse(file.ETag));
    }
}
