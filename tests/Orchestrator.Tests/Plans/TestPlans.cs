using Tests.Common;

namespace Orchestrator.Plans.Tests;

/// <summary>Parses plans the way the CLI does: relative files against examples/, named policies from policies/.</summary>
internal static class TestPlans
{
    /// <summary>A valid local plan with the default path; tests append or replace sections.</summary>
    public const string Minimal = """
        target: {kind: local, endpoint: my-endpoint}
        baseline: {name: blue}
        candidate: {name: green, spec: {model: ../samples/models/model-2.json}}
        """;

    public static PlanParseOptions Options { get; } = new(RepoRoot.Combine("examples"), RepoRoot.Combine("policies"));

    public static PlanParseResult Parse(string text) => PlanParser.Parse(text, Options);

    /// <summary>Parses a plan that must be valid, failing with every error otherwise.</summary>
    public static RolloutPlan Valid(string text)
    {
        var result = Parse(text);
        Assert.True(result.IsValid, "expected a valid plan, got:\n" + string.Join("\n", result.Errors));
        return result.Plan!;
    }

    /// <summary>Parses a plan that must be refused and returns its errors as <c>path: reason</c> lines.</summary>
    public static IReadOnlyList<string> Refused(string text)
    {
        var result = Parse(text);
        Assert.False(result.IsValid, "expected the plan to be refused");
        Assert.Null(result.Plan);
        Assert.NotEmpty(result.Errors);
        return [.. result.Errors.Select(e => e.ToString())];
    }
}
