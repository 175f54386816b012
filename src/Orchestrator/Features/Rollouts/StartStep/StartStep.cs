using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.StartStep;

/// <summary>Internal (worker): the current step is done; start step StepIndex (or complete the rollout when it is past the last step). A repeat for a step already started does nothing.</summary>
[AllowedRoles(ActorRole.System)]
public sealed record StartStepCommand(Guid RolloutId, int StepIndex, string? Note, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand, IRolloutCommand;
