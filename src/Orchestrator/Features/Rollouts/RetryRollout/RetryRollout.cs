using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.RetryRollout;

/// <summary>After a rollback (or a failed one), starts the rollout over from the beginning.</summary>
[AllowedRoles(ActorRole.ReleaseManager)]
public sealed record RetryRolloutCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;
