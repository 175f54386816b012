using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.ApproveStep;

/// <summary>Approves the approval step the rollout waits on.</summary>
[AllowedRoles(ActorRole.ReleaseManager)]
public sealed record ApproveStepCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;
