using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.BeginRollback;

/// <summary>Internal (worker): a step failed or gates decided to roll back (Trigger is StepFailed or GateFailed).</summary>
[AllowedRoles(ActorRole.System)]
public sealed record BeginRollbackCommand(Guid RolloutId, RolloutTrigger Trigger, string Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;
