using System.Text.RegularExpressions;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// What the Content-Security-Policy and the "text only" rule need of the page's own files: no inline script or style
/// (the browser would refuse them), and no markup built from strings (server data goes in as text).
/// </summary>
public sealed partial class DashboardFilesTests
{
    private static readonly DashboardFiles Files = DashboardFiles.Embedded;

    [Fact]
    public void Embedded_ThePage_HasItsEntryPointStylesheetAndModules()
    {
        Assert.Contains("index.html", Files.Paths);
        Assert.Contains("dashboard.css", Files.Paths);
        Assert.Contains("js/app.js", Files.Paths);
        Assert.Contains("js/api.js", Files.Paths);
    }

    [Fact]
    public void Embedded_Html_HasNoInlineScriptStyleOrHandler()
    {
        var html = Text("index.html");

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(StyleOrHandlerAttribute(), html);
    }

    [Fact]
    public void Embedded_Scripts_NeverParseStringsAsMarkup()
    {
        var offenders = Files.Paths
            .Where(p => p.EndsWith(".js", StringComparison.Ordinal))
            .Where(p => MarkupSink().IsMatch(Text(p)))
            .ToList();

        Assert.True(offenders.Count == 0, $"these modules build markup from strings: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Embedded_Scripts_KeepTheKeyOutOfLocalStorageAndCookies()
    {
        var offenders = Files.Paths
            .Where(p => p.EndsWith(".js", StringComparison.Ordinal))
            .Where(p => Text(p).Contains("localStorage", StringComparison.Ordinal) || Text(p).Contains("document.cookie", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    private static string Text(string path) => System.Text.Encoding.UTF8.GetString(Files.Find(path)!.Content);

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\s(style|on[a-z]+)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrHandlerAttribute();

    [GeneratedRegex(@"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(")]
    private static partial Regex MarkupSink();
}
