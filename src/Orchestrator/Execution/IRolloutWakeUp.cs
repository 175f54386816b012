namespace Orchestrator.Execution;

/// <summary>Asks the worker to tick a rollout now (after a command changed what it should do).</summary>
public interface IRolloutWakeUp
{
    /// <summary>Schedules the rollout's tick to run as soon as possible.</summary>
    Task WakeAsync(Guid rolloutId, CancellationToken cancellationToken = default);
}
