using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.FinishRollback;

/// <summary>Internal (worker): the rollback was applied (Succeeded) or could not be (FailureReason).</summary>
[AllowedRoles(ActorRole.System)]
public sealed record FinishRollbackCommand(Guid RolloutId, bool Succeeded, string? FailureReason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;
