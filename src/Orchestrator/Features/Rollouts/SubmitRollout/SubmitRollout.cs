using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Features.Rollouts.StartQueuedRollout;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets;

namespace Orchestrator.Features.Rollouts.SubmitRollout;

/// <summary>
/// Submits a rollout plan (YAML or JSON text); it starts at once unless the endpoint is busy: then it is refused
/// (409) or, when the plan says <c>onBusyEndpoint: queue</c>, stored as Queued behind the rollouts ahead of it.
/// </summary>
/// <param name="PlanText">The plan, YAML or JSON.</param>
/// <param name="Actor">Who submits it.</param>
/// <param name="RequestId">The client's request id: a repeat returns the first result.</param>
/// <param name="PlanDirectory">
/// The absolute folder the plan's relative paths (model, code, request files) resolve against: the plan file's folder
/// when the CLI sends it. Null resolves them against the configured <see cref="PlanOptions.BaseDirectory"/>.
/// </param>
[AllowedRoles(ActorRole.ReleaseManager)]
public sealed record SubmitRolloutCommand(string PlanText, Actor Actor, string? RequestId = null, string? PlanDirectory = null) : ICommand<Rollout>, IMutatingCommand;

/// <summary>
/// Handles <see cref="SubmitRolloutCommand"/>: parse and validate the whole plan, check it against the endpoint as it
/// is when a target is configured (<see cref="EndpointComputeCheck"/>), store it as Pending (or Queued), wake the worker.
/// </summary>
public sealed class SubmitRolloutCommandHandler(
    IRolloutStore store,
    IRolloutWakeUp wakeUp,
    ISender sender,
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
        var parseOptions = options.Value.ToParseOptions();
        if (command.PlanDirectory is { } planDirectory)
        {
            parseOptions = parseOptions with { BaseDirectory = planDirectory };
        }

        var parsed = PlanParser.Parse(command.PlanText, parseOptions);
        if (!parsed.IsValid)
        {
            throw new CommandValidationException([.. parsed.Errors.Select(e => new ValidationFailure(e.Path, e.Message))]);
        }

        var plan = parsed.Plan!;
        if (targets is not null && TargetKindMissing(plan, targets) is { } missing)
        {
            throw new CommandValidationException([missing]);
        }

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
        if (plan.OnBusyEndpoint == BusyEndpointPolicy.Queue)
        {
            return await SubmitOrQueueAsync(rollout, command.Actor, reason, cancellationToken);
        }

        await store.InsertAsync(rollout, [Submitted(rollout, command.Actor, reason)], cancellationToken);
        await wakeUp.WakeAsync(rollout.Id, cancellationToken);
        return rollout;
    }

    /// <summary>
    /// Refuses a plan whose target kind this node cannot drive: stored, it would stay Pending while every tick failed.
    /// Creating a target object sends nothing.
    /// </summary>
    private static ValidationFailure? TargetKindMissing(RolloutPlan plan, IEndpointTargetFactory targets)
    {
        try
        {
            targets.Create(plan.Target);
            return null;
        }
        catch (TargetKindNotConfiguredException)
        {
            return new ValidationFailure(
                "target.kind",
                plan.Target.Kind == TargetKind.AzureMl
                    ? "this service has no Azure ML target: start it with the AzureMl settings (an AzureMl section, e.g. AzureMl:ArmEndpoint; docs/azure.md)"
                    : $"this service has no {plan.Target.Kind} target");
        }
    }

    private async Task<Rollout> SubmitOrQueueAsync(Rollout rollout, Actor actor, string reason, CancellationToken cancellationToken)
    {
        // First in, first out: while others wait, a newcomer joins the end of the line even if the endpoint is idle
        // for a moment (the rollout that just ended is starting the first of them).
        var waiting = await store.ListQueuedAsync(rollout.EndpointKey, cancellationToken);
        if (waiting.Count > 0)
        {
            return await QueueAsync(rollout, waiting[^1].Id, actor, reason, cancellationToken);
        }

        try
        {
            await store.InsertAsync(rollout, [Submitted(rollout, actor, reason)], cancellationToken);
        }
        catch (ActiveRolloutConflictException busy)
        {
            return await QueueAsync(rollout, busy.ActiveRolloutId, actor, reason, cancellationToken);
        }

        await wakeUp.WakeAsync(rollout.Id, cancellationToken);
        return rollout;
    }

    private async Task<Rollout> QueueAsync(Rollout rollout, Guid behind, Actor actor, string reason, CancellationToken cancellationToken)
    {
        // Nothing to wake: a queued rollout has no jobs until the rollout ahead of it ends and starts it.
        var queued = rollout with { Phase = RolloutPhase.Queued, QueuedBehind = behind };
        await store.InsertAsync(queued, [Submitted(queued, actor, $"{reason}; queued behind rollout {behind}")], cancellationToken);

        // The rollout ahead may have ended between the look and the insert, finding nobody queued to start: start the
        // line now if the endpoint is free (usually it is not, and this changes nothing).
        var started = await sender.SendAsync(
            new StartQueuedRolloutCommand(rollout.EndpointKey, "the endpoint was free when the rollout was queued", Actor.Scheduler), cancellationToken);
        return started?.Id == queued.Id ? started : queued;
    }

    private static AuditEvent Submitted(Rollout rollout, Actor actor, string reason) =>
        new(rollout.Id, rollout.CreatedAt, actor, "Submit", reason, null, rollout.Phase);
}
