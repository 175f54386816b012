namespace Orchestrator.Targets.Local;

/// <summary>Which of an endpoint's two keys (Azure ML's <c>regenerateKeys</c> <c>keyType</c>).</summary>
public enum EndpointKeyKind
{
    /// <summary>The primary key.</summary>
    Primary,

    /// <summary>The secondary key.</summary>
    Secondary,
}
