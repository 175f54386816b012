using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.PromoteRollout;

/// <summary>Ends the current bake now (the next tick advances; gates must not be failing).</summary>
[AllowedRoles(ActorRole.ReleaseManager)]
public sealed record PromoteRolloutCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;
