using Orchestrator.Plans;

namespace Orchestrator.Targets;

/// <summary>Picks the <see cref="IEndpointTarget"/> implementation for a plan's target by its kind.</summary>
public interface IEndpointTargetFactory
{
    /// <summary>The target for one endpoint.</summary>
    IEndpointTarget Create(TargetSpec target);
}
