using Policies.Documents;

namespace Orchestrator.Plans;

/// <summary>Reads a rollout plan (YAML or JSON), expands omitted steps to the default path, and validates it as a whole.</summary>
public static class PlanParser
{
    /// <summary>Parses and validates; every problem is reported at once, each with its field path.</summary>
    public static PlanParseResult Parse(string text, PlanParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new DocumentErrors();
        var root = DocumentParser.Parse(text, string.Empty, errors);
        var map = root is null ? null : MappingReader.Open(root, errors);
        if (map is null)
        {
            return Failed(errors);
        }

        // Sections are read in dependency order: the target decides what a spec may say, the names what steps may name.
        var context = new PlanReadContext(errors, options);
        var target = Section(map, "target", required: true, m => TargetReader.Read(m, context));
        var baseline = Section(map, "baseline", required: true, m => ReadBaseline(m, context));
        var candidate = Section(map, "candidate", required: true, m => ReadCandidate(m, context));
        var distinct = CheckDistinct(map, context);
        var bakes = PlanBakes.Read(map.Mapping("bakes"));
        var stepsNode = map.Take("steps");
        var steps = ExpandSteps(stepsNode, bakes, context);
        if (distinct && context.BaselineName is not null && context.CandidateName is not null)
        {
            StepRules.Check(steps, stepsNode?.Path ?? DefaultPath.Path, context);
        }

        var policy = GatesReader.Read(map.Mapping(GatesReader.Key), context);
        var rollback = Section(map, "rollback", required: false, ReadRollback) ?? new RollbackOptions(DeleteCandidate: false);
        var onBusy = TargetReader.Choice(map, "onBusyEndpoint", required: false, ("reject", BusyEndpointPolicy.Reject), ("queue", BusyEndpointPolicy.Queue))
            ?? BusyEndpointPolicy.Reject;
        map.Finish();

        if (errors.Count > 0 || target is null || baseline is null || candidate is null || policy is null)
        {
            return Failed(errors);
        }

        return new PlanParseResult(new RolloutPlan(target, baseline, candidate, [.. Expanded(steps, context)], policy, rollback, onBusy), []);
    }

    private static List<ParsedStep> ExpandSteps(DocumentNode? stepsNode, PlanBakes bakes, PlanReadContext context)
    {
        var steps = stepsNode is null ? DefaultPath.Steps(bakes) : StepReader.Read(stepsNode, bakes, context);
        if (stepsNode is null && context.Compute == EndpointCompute.Kubernetes && !context.SkipMirrorOnKubernetes)
        {
            // The default path's mirror step is not the user's to remove; say how to proceed.
            context.Errors.Add(DefaultPath.Path, "left out, so the default path applies, and its mirror step is not possible on a Kubernetes endpoint: set target.mirrorOnKubernetes: skip, or list the steps");
        }

        return steps;
    }

    /// <summary>With <c>mirrorOnKubernetes: skip</c>, mirror steps (checked like any other) leave the expansion.</summary>
    private static IEnumerable<RolloutStep> Expanded(List<ParsedStep> steps, PlanReadContext context) =>
        steps.Select(s => s.Step).Where(s => s is not RolloutStep.Mirror || !context.DropsMirrorSteps);

    private static T? Section<T>(MappingReader map, string key, bool required, Func<MappingReader, T?> read)
        where T : class =>
        map.Mapping(key, required) is { } section ? read(section) : null;

    private static BaselineSpec? ReadBaseline(MappingReader map, PlanReadContext context)
    {
        var name = ReadName(map, context);
        context.BaselineName = name;
        var specMap = map.Mapping("spec");
        var spec = specMap is null ? null : DeploymentSpecReader.Read(specMap, context);
        map.Finish();
        return name is null || (specMap is not null && spec is null) ? null : new BaselineSpec(name, spec);
    }

    private static CandidateSpec? ReadCandidate(MappingReader map, PlanReadContext context)
    {
        var name = ReadName(map, context);
        context.CandidateName = name;
        var specMap = map.Mapping("spec", required: true);
        var spec = specMap is null ? null : DeploymentSpecReader.Read(specMap, context);
        map.Finish();
        return name is null || spec is null ? null : new CandidateSpec(name, spec);
    }

    private static string? ReadName(MappingReader map, PlanReadContext context)
    {
        var name = map.Text("name", required: true);
        if (name is not null && ResourceNames.CheckEndpointOrDeployment(name) is { } problem)
        {
            context.Errors.Add(map.PathOf("name"), problem);
            return null;
        }

        return name;
    }

    private static bool CheckDistinct(MappingReader map, PlanReadContext context)
    {
        if (context.BaselineName is null || !context.IsCandidate(context.BaselineName))
        {
            return true;
        }

        // Azure ML lower-cases names, so Blue and blue are one deployment.
        context.Errors.Add(DocumentPath.Field(map.PathOf("candidate"), "name"), $"'{context.CandidateName}' is also the baseline's name; the candidate must be a different deployment");
        return false;
    }

    private static RollbackOptions ReadRollback(MappingReader map)
    {
        var options = new RollbackOptions(map.Flag("deleteCandidate") ?? false);
        map.Finish();
        return options;
    }

    private static PlanParseResult Failed(DocumentErrors errors) =>
        new(null, [.. errors.All.Select(e => new PlanError(e.Path, e.Message))]);
}

/// <summary>Where relative files and named policies are found.</summary>
/// <param name="BaseDirectory">Relative request files and model paths resolve against this (the plan file's folder).</param>
/// <param name="PoliciesDirectory">Named gate policies are <c>{name}.yaml</c> here.</param>
public sealed record PlanParseOptions(string BaseDirectory, string PoliciesDirectory);

/// <summary>A plan, or every error found.</summary>
public sealed record PlanParseResult(RolloutPlan? Plan, IReadOnlyList<PlanError> Errors)
{
    /// <summary>True when the plan is valid.</summary>
    public bool IsValid => Plan is not null && Errors.Count == 0;
}

/// <summary>One problem in a plan: the field path and a plain reason.</summary>
/// <param name="Path">e.g. <c>steps[2].mirror.percent</c>.</param>
/// <param name="Message">e.g. <c>60 exceeds the 50% mirror limit</c>.</param>
public sealed record PlanError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
