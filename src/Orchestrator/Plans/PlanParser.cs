namespace Orchestrator.Plans;

/// <summary>Reads a rollout plan (YAML or JSON), expands omitted steps to the default path, and validates it as a whole.</summary>
public static class PlanParser
{
    /// <summary>Parses and validates; every problem is reported at once, each with its field path.</summary>
    public static PlanParseResult Parse(string text, PlanParseOptions options) =>
        throw new NotImplementedException("issue 2: plan parsing");
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
