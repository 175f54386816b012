namespace Orchestrator.Plans.Tests;

/// <summary>One way to break a valid plan: mutates the written tree and returns the field path the error must name.</summary>
internal sealed record PlanDefect(string Name, Func<GeneratedPlan, Dictionary<string, object?>, string> Apply)
{
    public override string ToString() => Name;
}

/// <summary>The defects the property tests inject, one per generated invalid plan.</summary>
internal static class PlanDefects
{
    public static PlanDefect[] Document { get; } =
    [
        new("unknown root field", (_, tree) => Add(tree, "bogus", 1, string.Empty)),
        new("unknown target field", (_, tree) => Add(Map(tree, "target"), "bogus", 1, "target")),
        new("unknown spec field", (_, tree) => Add(Map(Map(tree, "candidate"), "spec"), "instanceCount", 3, "candidate.spec")),
        new("candidate named like the baseline", (plan, tree) => Set(Map(tree, "candidate"), "name", plan.Baseline.ToUpperInvariant(), "candidate.name")),
        new("endpoint name Azure refuses", (_, tree) => Set(Map(tree, "target"), "endpoint", "-bad name", "target.endpoint")),
        new("endpoint missing", (_, tree) => Remove(Map(tree, "target"), "endpoint", "target.endpoint")),
        new("instance count 0", (_, tree) => Set(Map(Map(tree, "candidate"), "spec"), "instance_count", 0, "candidate.spec.instance_count")),
        new("unknown policy", (_, tree) => Set(tree, "gates", new Dictionary<string, object?> { ["policy"] = "no-such-policy" }, "gates.policy")),
        new("gate interval below 1s", (_, tree) => Set(tree, "gates", new Dictionary<string, object?> { ["overrides"] = new Dictionary<string, object?> { ["interval"] = "500ms" } }, "gates.overrides.interval")),
        new("workspace wrong for the kind", (plan, tree) => plan.Azure
            ? Remove(Map(tree, "target"), "workspace", "target.workspace")
            : Add(Map(tree, "target"), "workspace", "ml-workspace", "target")),
        new("bad rollback flag", (_, tree) => Set(tree, "rollback", new Dictionary<string, object?> { ["deleteCandidate"] = "sometimes" }, "rollback.deleteCandidate")),
    ];

    public static PlanDefect[] Steps { get; } =
    [
        new("mirror above 50%", (_, tree) => InsertAfterDeploy(tree, "mirror", new() { ["percent"] = 75 }, ".percent")),
        new("mirror of the baseline", (plan, tree) => InsertAfterDeploy(tree, "mirror", new() { ["percent"] = 10, ["deployment"] = plan.Baseline }, ".deployment")),
        new("scale of an unknown deployment", (_, tree) => InsertAfterDeploy(tree, "scale", new() { ["deployment"] = "nobody", ["instanceCount"] = 1 }, ".deployment")),
        new("scale to 0 instances", (_, tree) => InsertAfterDeploy(tree, "scale", new() { ["instanceCount"] = 0 }, ".instanceCount")),
        new("smoke test without its file", (_, tree) => InsertAfterDeploy(tree, "smokeTest", new() { ["requestFile"] = "missing-request.json" }, ".requestFile")),
        new("delete baseline before 100%", (_, tree) => InsertAfterDeploy(tree, "deleteBaseline", [], string.Empty)),
        new("traffic before deploy", (_, tree) => Insert(tree, 0, "traffic", new() { ["percent"] = 100 }, string.Empty)),
        new("unknown step kind", (_, tree) => Insert(tree, StepList(tree).Count, "rollout", [], string.Empty)),
        new("unknown step field", (_, tree) => Add(Body(tree, LastTraffic(tree)), "bogus", 1, $"steps[{LastTraffic(tree)}].traffic")),
        new("bad bake duration", (_, tree) => Set(Body(tree, LastTraffic(tree)), "bake", "ten minutes", $"steps[{LastTraffic(tree)}].traffic.bake")),
        new("traffic percent above 100", (_, tree) => SetPercent(tree, LastTraffic(tree), 150)),
        new("weights not summing to 100", (plan, tree) => SetWeights(tree, LastTraffic(tree), plan, 45, 45)),
        new("traffic going down", (_, tree) => Insert(tree, LastTraffic(tree) + 1, "traffic", new() { ["percent"] = 50 }, ".percent")),
        new("plan not ending at 100%", (_, tree) =>
        {
            StepList(tree).RemoveAt(LastTraffic(tree));

            // A deleteBaseline at the end now deletes a baseline with live traffic: that is the error to expect.
            var delete = IndexOf(tree, k => k == "deleteBaseline");
            return delete >= 0 ? $"steps[{delete}].deleteBaseline" : "steps";
        }),
    ];

    private static Dictionary<string, object?> Map(Dictionary<string, object?> parent, string key) => (Dictionary<string, object?>)parent[key]!;

    private static string Add(Dictionary<string, object?> map, string key, object? value, string path)
    {
        map[key] = value;
        return path.Length == 0 ? key : $"{path}.{key}";
    }

    private static string Set(Dictionary<string, object?> map, string key, object? value, string path)
    {
        map[key] = value;
        return path;
    }

    private static string Remove(Dictionary<string, object?> map, string key, string path)
    {
        map.Remove(key);
        return path;
    }

    private static List<object?> StepList(Dictionary<string, object?> tree) => (List<object?>)tree["steps"]!;

    private static int IndexOf(Dictionary<string, object?> tree, Func<string, bool> kind) =>
        StepList(tree).FindIndex(s => s is string bare ? kind(bare) : kind(((Dictionary<string, object?>)s!).Keys.Single()));

    private static int LastTraffic(Dictionary<string, object?> tree) =>
        StepList(tree).FindLastIndex(s => s is Dictionary<string, object?> step && step.ContainsKey("traffic"));

    private static Dictionary<string, object?> Body(Dictionary<string, object?> tree, int index) =>
        (Dictionary<string, object?>)((Dictionary<string, object?>)StepList(tree)[index]!).Values.Single()!;

    private static string Insert(Dictionary<string, object?> tree, int index, string kind, Dictionary<string, object?> body, string field)
    {
        StepList(tree).Insert(index, new Dictionary<string, object?> { [kind] = body });
        return $"steps[{index}].{kind}{field}";
    }

    private static string InsertAfterDeploy(Dictionary<string, object?> tree, string kind, Dictionary<string, object?> body, string field) =>
        Insert(tree, IndexOf(tree, k => k == "deploy") + 1, kind, body, field);

    private static string SetPercent(Dictionary<string, object?> tree, int index, int percent)
    {
        var body = Body(tree, index);
        body.Remove("weights");
        body["percent"] = percent;
        return $"steps[{index}].traffic.percent";
    }

    private static string SetWeights(Dictionary<string, object?> tree, int index, GeneratedPlan plan, int baseline, int candidate)
    {
        var body = Body(tree, index);
        body.Remove("percent");
        body["weights"] = new Dictionary<string, object?> { [plan.Baseline] = baseline, [plan.Candidate] = candidate };
        return $"steps[{index}].traffic.weights";
    }
}
