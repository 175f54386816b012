using System.Text.Json;
using Orchestrator.Endpoints;
using Policies.Documents;

namespace Orchestrator.Plans;

/// <summary>
/// Reads <c>steps</c>: each item is one step kind with its fields (<c>- traffic: {percent: 10, bake: 10m}</c>),
/// or a bare kind for steps without required fields (<c>- deploy</c>). Rules across steps are <see cref="StepRules"/>'.
/// </summary>
internal static class StepReader
{
    private static readonly string[] Kinds = ["deploy", "smokeTest", "scale", "mirror", "traffic", "approval", "deleteBaseline"];

    public static List<ParsedStep> Read(DocumentNode node, PlanBakes bakes, PlanReadContext context)
    {
        var errors = context.Errors;
        if (node is not DocumentNode.Sequence sequence)
        {
            errors.Add(node.Path, $"expected a list of steps, got {node.Description}");
            return [];
        }

        if (sequence.Items.Count == 0)
        {
            errors.Add(node.Path, "is empty: list the steps, or leave steps out for the default path");
        }

        var steps = new List<ParsedStep>();
        foreach (var item in sequence.Items)
        {
            var (kind, body) = item switch
            {
                DocumentNode.Scalar { IsNull: false } bare => (bare.Value, (DocumentNode)new DocumentNode.Mapping(DocumentPath.Field(item.Path, bare.Value), [])),
                DocumentNode.Mapping { Entries.Count: 1 } single => (single.Entries[0].Key, single.Entries[0].Value),
                _ => (null, null),
            };
            if (kind is null || body is null)
            {
                errors.Add(item.Path, $"a step is one field naming its kind ({string.Join(", ", Kinds)}), e.g. '- traffic: {{percent: 10, bake: 10m}}'");
                continue;
            }

            if (MappingReader.Open(body, errors) is { } map && ReadStep(kind, map, bakes, context) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static ParsedStep? ReadStep(string kind, MappingReader map, PlanBakes bakes, PlanReadContext context)
    {
        var step = kind switch
        {
            "deploy" => new ParsedStep(new RolloutStep.Deploy(), map.Path),
            "smokeTest" => ReadSmokeTest(map, context),
            "scale" => ReadScale(map, context),
            "mirror" => ReadMirror(map, bakes, context),
            "traffic" => ReadTraffic(map, bakes, context),
            "approval" => new ParsedStep(new RolloutStep.Approval(map.Text("message")), map.Path),
            "deleteBaseline" => new ParsedStep(new RolloutStep.DeleteBaseline(), map.Path),
            _ => null,
        };
        if (step is null && !Kinds.Contains(kind, StringComparer.Ordinal))
        {
            var near = Kinds.FirstOrDefault(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase));
            context.Errors.Add(map.Path, near is null ? $"unknown step kind; expected one of: {string.Join(", ", Kinds)}" : $"unknown step kind; did you mean '{near}'?");
            return null;
        }

        map.Finish();
        return step;
    }

    private static ParsedStep? ReadSmokeTest(MappingReader map, PlanReadContext context)
    {
        var requestFile = map.Text("requestFile");
        var status = map.WholeNumber("expectedStatus") ?? PlanDefaults.SmokeTestStatus;
        if (status is < 100 or > 599)
        {
            context.Errors.Add(map.PathOf("expectedStatus"), $"{status} is not an HTTP status (100..599)");
        }

        var expected = map.Take("expectedOutput") is { } output ? JsonText.FromNode(output, context.Errors) : null;
        var body = requestFile is null ? PlanDefaults.SampleRequest : ReadRequestFile(requestFile, map.PathOf("requestFile"), context);
        return body is null ? null : new ParsedStep(new RolloutStep.SmokeTest(body, requestFile, status, expected), map.Path);
    }

    // Read now, not at run time: the persisted plan must not depend on files that may change or vanish.
    private static string? ReadRequestFile(string file, string path, PlanReadContext context)
    {
        if (context.ReadFile(file, path, out var fullPath) is not { } text)
        {
            return null;
        }

        try
        {
            using var _ = JsonDocument.Parse(text);
            return text;
        }
        catch (JsonException ex)
        {
            context.Errors.Add(path, $"{fullPath} is not JSON: {ex.Message}");
            return null;
        }
    }

    private static ParsedStep ReadScale(MappingReader map, PlanReadContext context)
    {
        var deployment = map.Text("deployment") ?? context.CandidateName ?? string.Empty;
        var count = map.WholeNumber("instanceCount", required: true);
        if (count is < 1)
        {
            context.Errors.Add(map.PathOf("instanceCount"), $"{count} is below 1: a deployment needs at least one instance");
        }

        return new ParsedStep(new RolloutStep.Scale(deployment, count ?? 1), map.Path) { DeploymentPath = map.PathOf("deployment") };
    }

    private static ParsedStep ReadMirror(MappingReader map, PlanBakes bakes, PlanReadContext context)
    {
        var percent = map.WholeNumber("percent", required: true);
        var bake = map.Duration("bake") ?? bakes.Mirror;
        var named = map.Text("deployment");
        return new ParsedStep(new RolloutStep.Mirror(percent ?? 0, bake), map.Path)
        {
            Deployment = named ?? context.CandidateName,
            DeploymentPath = named is null ? map.Path : map.PathOf("deployment"),
            PercentPath = percent is null ? null : map.PathOf("percent"),
        };
    }

    private static ParsedStep? ReadTraffic(MappingReader map, PlanBakes bakes, PlanReadContext context)
    {
        var percent = map.WholeNumber("percent");
        var weightsNode = map.Take("weights");
        var bakeNode = map.Duration("bake");
        if (weightsNode is not null && map.Has("percent"))
        {
            context.Errors.Add(map.Path, "give percent or weights, not both");
            return null;
        }

        if (weightsNode is not null)
        {
            percent = ReadWeights(weightsNode, context);
        }
        else if (!map.Has("percent"))
        {
            context.Errors.Add(map.PathOf("percent"), "is required (or give weights, e.g. {blue: 90, green: 10})");
        }

        if (percent is null)
        {
            return null;
        }

        var bake = bakeNode ?? (percent >= 100 ? bakes.Promotion : bakes.Traffic);
        return new ParsedStep(new RolloutStep.Traffic(percent.Value, bake), map.Path)
        {
            PercentPath = weightsNode?.Path ?? map.PathOf("percent"),
        };
    }

    /// <summary>Weights name the baseline and the candidate; the step's percent is the candidate's weight.</summary>
    private static int? ReadWeights(DocumentNode node, PlanReadContext context)
    {
        if (node is not DocumentNode.Mapping mapping)
        {
            context.Errors.Add(node.Path, $"expected a mapping of deployment: percent, got {node.Description}");
            return null;
        }

        var before = context.Errors.Count;
        var weights = new List<KeyValuePair<string, int>>();
        foreach (var (name, value) in mapping.Entries)
        {
            if (!context.IsPlanDeployment(name))
            {
                context.Errors.Add(value.Path, context.NotAPlanDeployment(name));
            }
            else if (NodeValues.AsInt(value, context.Errors) is { } weight)
            {
                weights.Add(new(name, weight));
            }
        }

        foreach (var violation in EndpointRules.CheckTraffic(TrafficSplit.Create(weights), context.Compute, deployments: null))
        {
            context.Errors.Add(node.Path, violation.Message);
        }

        if (context.Errors.Count == before && weights.Sum(w => w.Value) == 0)
        {
            context.Errors.Add(node.Path, "weights sum to 0, which stops all live traffic; a rollout step splits 100% between the baseline and the candidate");
        }

        return context.Errors.Count > before ? null : weights.Where(w => context.IsCandidate(w.Key)).Sum(w => w.Value);
    }
}
