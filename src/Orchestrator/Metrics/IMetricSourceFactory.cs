using Orchestrator.Plans;

namespace Orchestrator.Metrics;

/// <summary>Picks the <see cref="IMetricSource"/> for a plan's target by its kind.</summary>
public interface IMetricSourceFactory
{
    /// <summary>The metric source for one endpoint.</summary>
    IMetricSource Create(TargetSpec target);
}
