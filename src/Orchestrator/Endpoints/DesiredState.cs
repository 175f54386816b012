using Orchestrator.Plans;

namespace Orchestrator.Endpoints;

/// <summary>Desired state is computed, not remembered: pure functions of the plan and the step.</summary>
public static class DesiredState
{
    /// <summary>The traffic and mirror a step asks for (steps without traffic hold the previous step's split).</summary>
    public static TrafficSplit DesiredEndpointState(RolloutPlan plan, int stepIndex) =>
        throw new NotImplementedException("issue 2: desired state");

    /// <summary>The split a rollback restores: baseline 100%, mirror 0.</summary>
    public static TrafficSplit RollbackState(RolloutPlan plan) =>
        throw new NotImplementedException("issue 2: rollback state");
}
