using FsCheck;
using FsCheck.Fluent;

namespace Orchestrator.Plans.Tests;

/// <summary>FsCheck generators of valid plans and of single defects that make a valid plan invalid.</summary>
internal static class PlanGenerators
{
    private static readonly string[] DeploymentNames = ["blue", "green", "b1", "prod-v2", "model_a", "Alpha", "x", "candidate-2026"];
    private static readonly string?[] Bakes = [null, "0s", "500ms", "30s", "10m", "1h30m"];

    public static Gen<GeneratedPlan> ValidPlans { get; } =
        from endpoint in Gen.Elements("ep", "my-endpoint", "Endpt-123", "a_b")
        from baseline in Gen.Elements(DeploymentNames)
        from candidate in Gen.Elements(DeploymentNames).Where(c => !string.Equals(c, baseline, StringComparison.OrdinalIgnoreCase))
        from azure in Gen.Elements(true, false)
        from kubernetes in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from skipMirror in Gen.Elements(true, false)
        from baselineSpec in Gen.Elements(true, false)
        from explicitSteps in Gen.Elements(true, false)
        from steps in Steps(baseline, candidate, allowMirror: !kubernetes || skipMirror)
        from policy in Gen.Elements<string?>(null, "default", "strict", "inline")
        from deleteCandidate in Gen.Elements<bool?>(null, true, false)
        from json in Gen.Elements(true, false)
        let defaultPathAllowed = !kubernetes || skipMirror
        select new GeneratedPlan(endpoint, baseline, candidate, azure, kubernetes, skipMirror, baselineSpec,
            explicitSteps || !defaultPathAllowed ? steps : null, policy, deleteCandidate, json);

    /// <summary>A valid plan and one defect that must be reported at a known path.</summary>
    public static Gen<(GeneratedPlan Plan, PlanDefect Defect)> InvalidPlans { get; } =
        from plan in ValidPlans
        from defect in Gen.Elements(plan.Steps is null ? PlanDefects.Document : [.. PlanDefects.Document, .. PlanDefects.Steps])
        select (plan, defect);

    private static Gen<List<GeneratedStep>> Steps(string baseline, string candidate, bool allowMirror) =>
        from smokeTest in Gen.Elements(true, false)
        from mirrors in allowMirror ? Gen.ListOf(Gen.Choose(1, 50), 2).SelectMany(l => Gen.Choose(0, 2).Select(n => l.Take(n).ToList())) : Gen.Constant(new List<int>())
        from canary in Gen.ListOf(Gen.Choose(0, 99), 3).SelectMany(l => Gen.Choose(0, 3).Select(n => l.Take(n).Order().ToList()))
        from traffic in Gen.CollectToList([.. canary, 100], p => Traffic(baseline, candidate, p))
        from mirrorSteps in Gen.CollectToList(mirrors, p => Gen.Elements(Bakes).Select(bake => Step("mirror", ("percent", p), ("bake", bake))))
        from scaleCandidate in Gen.Choose(0, 5)
        from scaleBaseline in Gen.Choose(0, 5)
        from approvals in Gen.ListOf(Gen.Choose(0, 1_000), 2)
        from approvalCount in Gen.Choose(0, 2)
        from deleteBaseline in Gen.Elements(true, false)
        select Assemble(baseline, smokeTest, mirrorSteps, traffic, scaleCandidate, scaleBaseline, [.. approvals.Take(approvalCount)], deleteBaseline);

    private static Gen<GeneratedStep> Traffic(string baseline, string candidate, int percent) =>
        from weights in Gen.Elements(true, false)
        from bake in Gen.Elements(Bakes)
        select weights
            ? Step("traffic", ("weights", new Dictionary<string, object?> { [baseline] = 100 - percent, [candidate] = percent }), ("bake", bake))
            : Step("traffic", ("percent", percent), ("bake", bake));

    private static List<GeneratedStep> Assemble(
        string baseline, bool smokeTest, List<GeneratedStep> mirrors, List<GeneratedStep> traffic, int scaleCandidate, int scaleBaseline, List<int> approvals, bool deleteBaseline)
    {
        var steps = new List<GeneratedStep> { new("deploy", null) };
        if (smokeTest)
        {
            steps.Add(Step("smokeTest", ("expectedStatus", 200)));
        }

        if (scaleCandidate > 0)
        {
            steps.Add(Step("scale", ("instanceCount", scaleCandidate)));
        }

        steps.AddRange(mirrors);
        steps.AddRange(traffic);
        if (scaleBaseline > 0)
        {
            steps.Insert(scaleBaseline % steps.Count, Step("scale", ("deployment", baseline), ("instanceCount", scaleBaseline)));
        }

        foreach (var position in approvals)
        {
            steps.Insert(position % (steps.Count + 1), Step("approval", ("message", $"approve {position}?")));
        }

        if (deleteBaseline)
        {
            steps.Add(new("deleteBaseline", null));
        }

        return steps;
    }

    private static GeneratedStep Step(string kind, params (string Key, object? Value)[] fields) =>
        new(kind, fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value));
}
