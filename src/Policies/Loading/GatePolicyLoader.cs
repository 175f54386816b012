using Policies.Gates;

namespace Policies.Loading;

/// <summary>Loads gate policies from YAML (policies/*.yaml, or a plan's inline policy), with overrides.</summary>
public static class GatePolicyLoader
{
    /// <summary>Parses a policy; overrides (YAML of the same shape) are merged over it first (gates matched by name).</summary>
    public static PolicyLoadResult Parse(string yaml, string name, string? overridesYaml = null) =>
        throw new NotImplementedException("issue 2: policy loading");
}

/// <summary>A policy, or every error found.</summary>
public sealed record PolicyLoadResult(GatePolicy? Policy, IReadOnlyList<PolicyError> Errors);

/// <summary>One problem in a policy document: path (e.g. <c>gates[1].window</c>) and reason.</summary>
public sealed record PolicyError(string Path, string Message);
