using Policies.Documents;
using Policies.Gates;

namespace Policies.Loading;

/// <summary>Loads gate policies from YAML (policies/*.yaml, or a plan's inline policy), with overrides.</summary>
public static class GatePolicyLoader
{
    /// <summary>The path prefix of override errors from <see cref="Parse"/>, e.g. <c>overrides.gates[0].max</c>.</summary>
    public const string OverridesPath = "overrides";

    /// <summary>Parses a policy; overrides (YAML of the same shape) are merged over it first (gates matched by name).</summary>
    public static PolicyLoadResult Parse(string yaml, string name, string? overridesYaml = null)
    {
        var errors = new DocumentErrors();
        var policy = DocumentParser.Parse(yaml, string.Empty, errors);
        var overrides = overridesYaml is null ? null : DocumentParser.Parse(overridesYaml, OverridesPath, errors);
        return policy is null || errors.Count > 0 ? Failed(errors) : Load(policy, name, overrides);
    }

    /// <summary>
    /// Loads a policy from an already parsed document (a plan's <c>gates.inline</c>, or a policy file), merging
    /// <paramref name="overrides"/> over it. Errors carry the paths of the nodes they come from.
    /// </summary>
    /// <param name="policy">The policy document.</param>
    /// <param name="name">The policy's name (<c>default</c>, <c>inline</c>, ...).</param>
    /// <param name="overrides">Scalars replace; gates are matched by name and their fields merged; a new name adds a gate.</param>
    public static PolicyLoadResult Load(DocumentNode policy, string name, DocumentNode? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var errors = new DocumentErrors();
        var merged = overrides is null ? policy : PolicyMerge.Merge(policy, overrides, errors);
        if (merged is null)
        {
            return Failed(errors);
        }

        var result = PolicyReader.Read(merged, name, errors);
        return errors.Count > 0 ? Failed(errors) : new(result, []);
    }

    private static PolicyLoadResult Failed(DocumentErrors errors) =>
        new(null, [.. errors.All.Select(e => new PolicyError(e.Path, e.Message))]);
}

/// <summary>A policy, or every error found.</summary>
public sealed record PolicyLoadResult(GatePolicy? Policy, IReadOnlyList<PolicyError> Errors);

/// <summary>One problem in a policy document: path (e.g. <c>gates[1].window</c>) and reason.</summary>
public sealed record PolicyError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
