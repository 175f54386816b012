using System.Globalization;
using Worker;

namespace Orchestrator.Execution;

/// <summary>What the Worker's jobs call back into: the tick and the gate check of one rollout.</summary>
public sealed class RolloutJobHandlers(RolloutAdvancer advancer, GateRoundRunner gates) : IRolloutTicker, IGateChecker
{
    /// <inheritdoc />
    public Task<DateTimeOffset?> TickAsync(string rolloutId, CancellationToken cancellationToken = default) =>
        advancer.AdvanceAsync(Guid.Parse(rolloutId, CultureInfo.InvariantCulture), cancellationToken);

    /// <inheritdoc />
    public Task<DateTimeOffset?> CheckAsync(string rolloutId, CancellationToken cancellationToken = default) =>
        gates.CheckAsync(Guid.Parse(rolloutId, CultureInfo.InvariantCulture), cancellationToken);
}
