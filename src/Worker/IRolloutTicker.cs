namespace Worker;

/// <summary>Advances one rollout by one reconcile step. Implemented by the service; called by <c>AdvanceRolloutJob</c>.</summary>
public interface IRolloutTicker
{
    /// <summary>Reconciles the rollout toward its current step and advances it when the step is done.</summary>
    /// <param name="rolloutId">The rollout.</param>
    /// <param name="cancellationToken">Signalled when the scheduler shuts down.</param>
    /// <returns>When the rollout must be ticked next, or null when it no longer needs ticks (it ended).</returns>
    Task<DateTimeOffset?> TickAsync(string rolloutId, CancellationToken cancellationToken = default);
}
