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

    /// <summary>
    /// The absolute path of a file the plan names, or null after an error at <paramref name="fieldPath"/> when it is
    /// missing, a folder or unreadable: found at validate and submit, not when the rollout reaches the step.
    /// </summary>
    public string? ExistingFile(string path, string fieldPath) => ReadableFile(path, fieldPath, read: false, out _);

    /// <summary>The text of a file the plan names, or null after an error at <paramref name="fieldPath"/>.</summary>
    public string? ReadFile(string path, string fieldPath, out string fullPath) => ReadableFile(path, fieldPath, read: true, out fullPath);

    /// <summary>The absolute path of a folder the plan names, or null after an error at <paramref name="fieldPath"/> when it is missing.</summary>
    public string? ExistingFolder(string path, string fieldPath)
    {
        var fullPath = Resolve(path);
        if (Directory.Exists(fullPath))
        {
            return fullPath;
        }

        Errors.Add(fieldPath, File.Exists(fullPath) ? $"'{path}' is a file, not a folder (resolved to {fullPath})" : $"folder '{path}' not found (resolved to {fullPath})");
        return null;
    }

    private string? ReadableFile(string path, string fieldPath, bool read, out string fullPath)
    {
        fullPath = Resolve(path);
        if (Directory.Exists(fullPath))
        {
            Errors.Add(fieldPath, $"'{path}' is a folder, not a file (resolved to {fullPath})");
            return null;
        }

        try
        {
            if (read)
            {
                return File.ReadAllText(fullPath);
            }

            // Opened, not just looked up: a file the service may not read fails here rather than at deploy.
            using var _ = File.OpenHandle(fullPath);
            return fullPath;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            Errors.Add(fieldPath, $"file '{path}' not found (resolved to {fullPath})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Errors.Add(fieldPath, $"file '{path}' cannot be read (resolved to {fullPath}): {ex.Message}");
        }

        return null;
    }

    /// <summary>True when <paramref name="name"/> is the baseline or the candidate (names compare case-insensitively, as Azure ML's do).</summary>
    public bool IsPlanDeployment(string name) => IsBaseline(name) || IsCandidate(name);

    public bool IsBaseline(string name) => string.Equals(name, BaselineName, StringComparison.OrdinalIgnoreCase);

    public bool IsCandidate(string name) => string.Equals(name, CandidateName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The message for a deployment name that is neither of the plan's two.</summary>
    public string NotAPlanDeployment(string name) =>
        $"'{name}' is neither the baseline ({BaselineName ?? "unnamed"}) nor the candidate ({CandidateName ?? "unnamed"})";
}
