using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.ResumeRollout;

/// <summary>Releases a paused rollout into the phase it was paused from.</summary>
[AllowedRoles(ActorRole.OnCall)]
public sealed record ResumeRolloutCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;
