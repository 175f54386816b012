using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Dispatching;
using Orchestrator.Features.Rollouts.AbortRollout;
using Orchestrator.Features.Rollouts.ApproveStep;
using Orchestrator.Features.Rollouts.PauseRollout;
using Orchestrator.Features.Rollouts.PromoteRollout;
using Orchestrator.Features.Rollouts.ResumeRollout;
using Orchestrator.Features.Rollouts.RetryRollout;
using Orchestrator.Features.Rollouts.SubmitRollout;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Api.Tests;

/// <summary>
/// Minimal handlers for the human commands, registered only for commands whose real handler is not in the
/// service yet; as each real handler lands, the API tests run against it instead.
/// </summary>
internal static partial class StandInCommandHandlers
{
    private static readonly (Type Command, Type StandIn)[] Commands =
    [
        (typeof(SubmitRolloutCommand), typeof(Submit)),
        (typeof(PauseRolloutCommand), typeof(Action<PauseRolloutCommand>)),
        (typeof(ResumeRolloutCommand), typeof(Action<ResumeRolloutCommand>)),
        (typeof(AbortRolloutCommand), typeof(Action<AbortRolloutCommand>)),
        (typeof(PromoteRolloutCommand), typeof(Action<PromoteRolloutCommand>)),
        (typeof(ApproveStepCommand), typeof(Action<ApproveStepCommand>)),
        (typeof(RetryRolloutCommand), typeof(Action<RetryRolloutCommand>)),
    ];

    public static IServiceCollection AddMissingHandlers(this IServiceCollection services)
    {
        var real = typeof(Dispatcher).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        foreach (var (command, standIn) in Commands.Where(c => !real.Contains(c.Command)))
        {
            services.AddSingleton(typeof(ICommandHandler<,>).MakeGenericType(command, typeof(Rollout)), standIn);
        }

        return services;
    }

    /// <summary>Fires the command's trigger through the state table and stores the change with one audit event.</summary>
    private sealed class Action<TCommand>(IRolloutStore store, TimeProvider time) : ICommandHandler<TCommand, Rollout>
        where TCommand : ICommand<Rollout>, IMutatingCommand, IRolloutCommand
    {
        public async Task<Rollout> HandleAsync(TCommand command, CancellationToken cancellationToken = default)
        {
            var (trigger, reason) = command switch
            {
                PauseRolloutCommand c => (RolloutTrigger.Pause, c.Reason),
                ResumeRolloutCommand c => (RolloutTrigger.Resume, c.Reason),
                AbortRolloutCommand c => (RolloutTrigger.Abort, c.Reason),
                PromoteRolloutCommand c => (RolloutTrigger.Promote, c.Reason),
                ApproveStepCommand c => (RolloutTrigger.Approve, c.Reason),
                RetryRolloutCommand c => (RolloutTrigger.Retry, c.Reason),
                _ => throw new NotSupportedException(typeof(TCommand).Name),
            };
            var rollout = await store.GetAsync(command.RolloutId, cancellationToken) ?? throw new RolloutNotFoundException(command.RolloutId);
            var lifecycle = new RolloutLifecycle(rollout.Phase, rollout.PausedFrom);
            lifecycle.Fire(trigger);
            var now = time.GetUtcNow();
            var changed = rollout with
            {
                Phase = lifecycle.State,
                PausedFrom = lifecycle.PausedFrom,
                UpdatedAt = now,
                RollbackReason = trigger == RolloutTrigger.Abort ? reason : rollout.RollbackReason,
            };
            return await store.UpdateAsync(changed, [new AuditEvent(rollout.Id, now, command.Actor, trigger.ToString(), reason, rollout.Phase, lifecycle.State)], cancellationToken);
        }
    }

    /// <summary>Takes the endpoint name from the plan text and stores a pending rollout of the test plan.</summary>
    private sealed partial class Submit(IRolloutStore store, TimeProvider time) : ICommandHandler<SubmitRolloutCommand, Rollout>
    {
        public async Task<Rollout> HandleAsync(SubmitRolloutCommand command, CancellationToken cancellationToken = default)
        {
            var match = EndpointName().Match(command.PlanText);
            if (!match.Success)
            {
                throw new CommandValidationException([new ValidationFailure("target.endpoint", "is required")]);
            }

            var now = time.GetUtcNow();
            var rollout = TestRollouts.Create(match.Groups[1].Value) with { SubmittedBy = command.Actor.Name, CreatedAt = now, UpdatedAt = now, StepStartedAt = now };
            await store.InsertAsync(rollout, [new AuditEvent(rollout.Id, now, command.Actor, "Submit", null, null, RolloutPhase.Pending)], cancellationToken);
            return rollout;
        }

        [GeneratedRegex("\"?endpoint\"?\\s*:\\s*\"?([A-Za-z0-9-]+)")]
        private static partial Regex EndpointName();
    }
}
