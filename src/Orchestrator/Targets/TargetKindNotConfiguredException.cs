using Orchestrator.Plans;

namespace Orchestrator.Targets;

/// <summary>A plan names a target kind this node has no target for (an azureml plan on a node without Azure ML settings).</summary>
public sealed class TargetKindNotConfiguredException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="kind"/>.</summary>
    public TargetKindNotConfiguredException(TargetKind kind)
        : base($"target kind {kind} is not configured on this node") => Kind = kind;

    /// <summary>Creates the exception with a message of its own.</summary>
    public TargetKindNotConfiguredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public TargetKindNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public TargetKindNotConfiguredException()
    {
    }

    /// <summary>The kind the node lacks.</summary>
    public TargetKind? Kind { get; }
}
