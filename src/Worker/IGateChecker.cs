namespace Worker;

/// <summary>Evaluates one rollout's gates once and records the verdicts. Implemented by the service; called by <c>CheckGatesJob</c>.</summary>
public interface IGateChecker
{
    /// <summary>Runs one gate round for the rollout and acts on the decision (a rollback starts at once).</summary>
    /// <param name="rolloutId">The rollout.</param>
    /// <param name="cancellationToken">Signalled when the scheduler shuts down.</param>
    /// <returns>When the gates must be checked next, or null when the rollout no longer bakes.</returns>
    Task<DateTimeOffset?> CheckAsync(string rolloutId, CancellationToken cancellationToken = default);
}
