using Orchestrator.Dispatching;
using Orchestrator.Rollouts;
using Policies.Gates;

namespace Orchestrator.Features.Rollouts.RecordGateRound;

/// <summary>Internal (worker): stores one gate-check round of a step and decides; a RollBack decision starts the rollback in the same change.</summary>
[AllowedRoles(ActorRole.System)]
public sealed record RecordGateRoundCommand(Guid RolloutId, int StepIndex, GateRound Round, Actor Actor, string? RequestId = null) : ICommand<GateDecision>, IMutatingCommand, IRolloutCommand;
