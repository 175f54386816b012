namespace Orchestrator.Metrics.Local;

/// <summary>How a request reached a deployment; measurements keep the kinds apart.</summary>
public enum TrafficKind
{
    /// <summary>Routed by the live traffic split.</summary>
    Live,

    /// <summary>Sent to one deployment by the <c>azureml-model-deployment</c> header (never mirrored).</summary>
    Pinned,

    /// <summary>A background copy of a live request to the shadow deployment; its answer was discarded.</summary>
    Mirrored,
}
