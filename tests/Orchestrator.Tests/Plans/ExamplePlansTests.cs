using Tests.Common;

namespace Orchestrator.Plans.Tests;

public class ExamplePlansTests
{
    public static TheoryData<string> Examples() => [.. ExampleFiles()];

    [Fact]
    public void Examples_IncludeTheThreeDocumentedPlans()
    {
        Assert.Subset(ExampleFiles().ToHashSet(), new HashSet<string> { "local-default.yaml", "local-canary-10-25-50-100.yaml", "azureml-default.yaml" });
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Parse_ShippedExample_IsValidAndEndsWithTheCandidateAt100(string file)
    {
        var plan = TestPlans.Valid(File.ReadAllText(RepoRoot.Combine("examples", file)));

        var final = Orchestrator.Endpoints.DesiredState.DesiredEndpointState(plan, plan.Steps.Count - 1);
        Assert.Equal(100, final.LiveOf(plan.Candidate.Name));
    }

    [Fact]
    public void Parse_LocalDefaultExample_IsTheDefaultPathWithShortBakesAndABaselineSpec()
    {
        var plan = TestPlans.Valid(File.ReadAllText(RepoRoot.Combine("examples", "local-default.yaml")));

        Assert.Equal(["deploy", "smokeTest", "mirror", "traffic", "traffic", "deleteBaseline"], plan.Steps.Select(s => s.KindName));
        Assert.NotNull(plan.Baseline.Spec);
        Assert.All(plan.Steps, s => Assert.True(s.BakeTime <= TimeSpan.FromMinutes(1), s.KindName));
    }

    [Fact]
    public void Parse_CanaryExample_ApprovesBeforePromotion()
    {
        var plan = TestPlans.Valid(File.ReadAllText(RepoRoot.Combine("examples", "local-canary-10-25-50-100.yaml")));

        var traffic = plan.Steps.OfType<RolloutStep.Traffic>().Select(t => t.Percent);
        Assert.Equal([10, 25, 50, 100], traffic);
        var promotion = plan.Steps.ToList().FindIndex(s => s is RolloutStep.Traffic { Percent: 100 });
        Assert.IsType<RolloutStep.Approval>(plan.Steps[promotion - 1]);
    }

    private static IEnumerable<string> ExampleFiles() =>
        Directory.EnumerateFiles(RepoRoot.Combine("examples")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);
}
