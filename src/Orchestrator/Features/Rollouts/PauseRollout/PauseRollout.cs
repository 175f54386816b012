using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.PauseRollout;

/// <summary>Holds the current split and stops advancing; gates keep watching and a failure still rolls back.</summary>
[AllowedRoles(ActorRole.OnCall)]
public sealed record PauseRolloutCommand(Guid RolloutId, string? Reason, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;
