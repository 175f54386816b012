using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets;

namespace Orchestrator.Features.Rollouts.SubmitRollout;

/// <summary>Submits a rollout plan (YAML or JSON text); it starts at once unless the endpoint is busy (409).</summary>
[AllowedRoles(ActorRole.ReleaseManager)]
public sealed record SubmitRolloutCommand(string PlanText, Actor Actor, string? RequestId = null) : ICommand<Rollout>, IMutatingCommand;

/// <summary>
/// Handles <see cref="SubmitRolloutCommand"/>: parse and validate the whole plan, check it against the endpoint as it
/// is when a target is configured (<see cref="EndpointComputeCheck"/>), store it as Pending, wake the worker.
/// </summary>
public sealed class SubmitRolloutCommandHandler(
    IRolloutStore store,
    IRolloutWakeUp wakeUp,
    TimeProvider clock,
    IOptions<PlanOptions> options,
    IEndpointTargetFactory? targets = null,
    ILogger<SubmitRolloutCommandHandler>? logger = null)
    : ICommandHandler<SubmitRolloutCommand, Rollout>
{
    /// <inheritdoc />
    public async Task<Rollout> HandleAsync(SubmitRolloutCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parsed = PlanParser.Parse(command.PlanText, options.Value.ToParseOptions());
        if (!parsed.IsValid)
        {
            throw new CommandValidationException([.. parsed.Errors.Select(e => new ValidationFailure(e.Path, e.Message))]);
        }

        var plan = parsed.Plan!;
        if (targets is not null && await EndpointComputeCheck.CheckAsync(plan, targets, clock, logger ?? (ILogger)NullLogger.Instance, cancellationToken) is { Count: > 0 } refusals)
        {
            throw new CommandValidationException(refusals);
        }

        var now = clock.GetUtcNow();
        var rollout = new Rollout
        {
            Id = Guid.CreateVersion7(now),
            EndpointKey = EndpointKeys.For(plan.Target),
            Plan = plan,
            Phase = RolloutPhase.Pending,
            StepStartedAt = now,
            SubmittedBy = command.Actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var reason = $"{plan.Baseline.Name} → {plan.Candidate.Name} on {plan.Target.Endpoint}, {plan.Steps.Count} steps, policy {plan.Policy.Name}";
        await store.InsertAsync(rollout, [new AuditEvent(rollout.Id, now, command.Actor, "Submit", reason, null, RolloutPhase.Pending)], cancellationToken);
        await wakeUp.WakeAsync(rollout.Id, cancellationToken);
        return rollout;
    }
}
