using Tests.Common;

namespace Orchestrator.Plans.Tests;

/// <summary>The broken plans under broken/: each names the errors it must produce in <c># expect:</c> lines.</summary>
public class BrokenPlanFixtureTests
{
    public static TheoryData<string> Fixtures() => [.. BrokenPlans.Files()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_BrokenPlan_ReportsEveryExpectedError(string file)
    {
        var path = BrokenPlans.PathOf(file);
        var expected = BrokenPlans.ExpectedErrors(path);

        var errors = TestPlans.Refused(File.ReadAllText(path));

        Assert.NotEmpty(expected);
        foreach (var line in expected)
        {
            Assert.Contains(line, errors);
        }
    }
}

/// <summary>Reads the broken plan fixtures and their expectations.</summary>
internal static class BrokenPlans
{
    private const string ExpectPrefix = "# expect: ";

    public static string Directory => RepoRoot.Combine("tests", "Orchestrator.Tests", "Plans", "broken");

    public static IEnumerable<string> Files() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static IReadOnlyList<string> ExpectedErrors(string path) =>
        [.. File.ReadLines(path).Where(l => l.StartsWith(ExpectPrefix, StringComparison.Ordinal)).Select(l => l[ExpectPrefix.Length..])];
}
