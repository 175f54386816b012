using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.RetryRollout;

/// <summary>After a rollback (or a failed one), starts the rollout over from the beginning.</summary>
[AllowedRoles(ActorRole.ReleaseManager)]
public sealed record RetryRolloutCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;

/// <summary>Handles <see cref="RetryRolloutCommand"/>.</summary>
public sealed class RetryRolloutCommandHandler(IRolloutStore store, IRolloutWakeUp wakeUp, TimeProvider clock) : ICommandHandler<RetryRolloutCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(RetryRolloutCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rollout = await store.GetRequiredAsync(command.RolloutId, cancellationToken);
        var now = clock.GetUtcNow();
        var (retried, audit) = RolloutTransitions.Apply(rollout, RolloutTrigger.Retry, command.Actor, command.Reason, now);
        var fresh = retried with
        {
            StepIndex = -1,
            StepStartedAt = now,
            BakeEndRequested = false,
            Approved = false,
            RollbackReason = null,
            FailureReason = null,
            Attempt = rollout.Attempt + 1,
        };
        var saved = await store.UpdateAsync(fresh, [audit], cancellationToken);
        await wakeUp.WakeAsync(saved.Id, cancellationToken);
        return saved;
    }
}
