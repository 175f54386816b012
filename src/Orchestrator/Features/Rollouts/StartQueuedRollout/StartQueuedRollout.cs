using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.StartQueuedRollout;

/// <summary>
/// Internal (scheduler): the endpoint may be free; start the oldest rollout queued for it (first in, first out).
/// Returns the started rollout, or null when nothing is queued or the endpoint is still busy.
/// </summary>
/// <param name="EndpointKey">The endpoint, see <see cref="EndpointKeys"/>.</param>
/// <param name="Reason">Why now (e.g. which rollout ended), for the audit log.</param>
/// <param name="Actor">The scheduler.</param>
/// <param name="RequestId">Usually none: a repeat is harmless, as the store decides who holds the endpoint.</param>
[AllowedRoles(ActorRole.System)]
public sealed record StartQueuedRolloutCommand(string EndpointKey, string Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout?>, IMutatingCommand;

/// <summary>Handles <see cref="StartQueuedRolloutCommand"/>.</summary>
public sealed class StartQueuedRolloutCommandHandler(IRolloutStore store, IRolloutWakeUp wakeUp, TimeProvider clock) : ICommandHandler<StartQueuedRolloutCommand, Rollout?>
{
    /// <inheritdoc />
    public async Task<Rollout?> HandleAsync(StartQueuedRolloutCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var queued = await store.ListQueuedAsync(command.EndpointKey, cancellationToken);
        if (queued.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var (dequeued, audit) = RolloutTransitions.Apply(queued[0], RolloutTrigger.Dequeue, command.Actor, command.Reason, now);
        Rollout started;
        try
        {
            // Pending is active: the partial unique index lets only one rollout per endpoint in, whichever node or
            // tick asks, and the version check refuses a second start of this one; the loser's rollout stays queued.
            started = await store.UpdateAsync(dequeued with { QueuedBehind = null, StepStartedAt = now }, [audit], cancellationToken);
        }
        catch (ActiveRolloutConflictException)
        {
            // Still busy (another rollout started first): the queue waits for that one to end.
            return null;
        }

        await wakeUp.WakeAsync(started.Id, cancellationToken);
        return started;
    }
}
