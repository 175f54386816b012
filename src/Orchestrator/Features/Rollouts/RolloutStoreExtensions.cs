using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts;

/// <summary>Loading a rollout a command names.</summary>
internal static class RolloutStoreExtensions
{
    /// <summary>The rollout, or <see cref="RolloutNotFoundException"/>.</summary>
    public static async Task<Rollout> GetRequiredAsync(this IRolloutStore store, Guid id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) ?? throw new RolloutNotFoundException(id);
}
