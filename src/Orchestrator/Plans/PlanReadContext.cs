using Policies.Documents;

namespace Orchestrator.Plans;

/// <summary>What the section readers of one plan share: the error list, the options, and what earlier sections said.</summary>
internal sealed class PlanReadContext(DocumentErrors errors, PlanParseOptions options)
{
    public DocumentErrors Errors { get; } = errors;

    public PlanParseOptions Options { get; } = options;

    /// <summary>Null until the target was read (or when it could not be).</summary>
    public TargetKind? Kind { get; set; }

    public EndpointCompute Compute { get; set; } = EndpointCompute.Managed;

    /// <summary>True when <c>target.mirrorOnKubernetes: skip</c> drops mirror steps on Kubernetes endpoints.</summary>
    public bool SkipMirrorOnKubernetes { get; set; }

    /// <summary>True when mirror steps are dropped from the expansion (a Kubernetes endpoint with <c>mirrorOnKubernetes: skip</c>).</summary>
    public bool DropsMirrorSteps => Compute == EndpointCompute.Kubernetes && SkipMirrorOnKubernetes;

    public string? BaselineName { get; set; }

    public string? CandidateName { get; set; }

    /// <summary>Relative paths resolve against the plan's folder and are stored absolute.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Options.BaseDirectory, path));

    /// <summary>True when <paramref name="name"/> is the baseline or the candidate (names compare case-insensitively, as Azure ML's do).</summary>
    public bool IsPlanDeployment(string name) => IsBaseline(name) || IsCandidate(name);

    public bool IsBaseline(string name) => string.Equals(name, BaselineName, StringComparison.OrdinalIgnoreCase);

    public bool IsCandidate(string name) => string.Equals(name, CandidateName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The message for a deployment name that is neither of the plan's two.</summary>
    public string NotAPlanDeployment(string name) =>
        $"'{name}' is neither the baseline ({BaselineName ?? "unnamed"}) nor the candidate ({CandidateName ?? "unnamed"})";
}
