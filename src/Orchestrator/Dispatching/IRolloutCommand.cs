namespace Orchestrator.Dispatching;

/// <summary>A command about one existing rollout.</summary>
public interface IRolloutCommand
{
    /// <summary>The rollout.</summary>
    Guid RolloutId { get; }
}
