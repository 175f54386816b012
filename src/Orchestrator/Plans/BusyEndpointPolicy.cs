namespace Orchestrator.Plans;

/// <summary>What a submit does when another rollout is active on the plan's endpoint (plan field <c>onBusyEndpoint</c>).</summary>
public enum BusyEndpointPolicy
{
    /// <summary>Refuse the plan (HTTP 409 naming the active rollout): the default.</summary>
    Reject,

    /// <summary>Store the rollout as Queued; it starts, first in first out, when the rollouts ahead of it end.</summary>
    Queue,
}
