using Orchestrator.Dispatching;
using Orchestrator.Rollouts;

namespace Orchestrator.Features.Rollouts.SubmitRollout;

/// <summary>Submits a rollout plan (YAML or JSON text); it starts at once unless the endpoint is busy (409).</summary>
[AllowedRoles(ActorRole.ReleaseManager)]
public sealed record SubmitRolloutCommand(string PlanText, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand;
