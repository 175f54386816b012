using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.AbortRollout;

/// <summary>Rolls back now: baseline 100%, mirror 0. A reason is required.</summary>
[AllowedRoles(ActorRole.OnCall)]
public sealed record AbortRolloutCommand(Guid RolloutId, string Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;
