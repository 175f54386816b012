using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;

namespace Orchestrator.Benchmarks.Reaction;

/// <summary>Plans parsed by the real parser, and rollouts stored directly in their canary step (no worker involved).</summary>
internal static class CanarySeed
{
    /// <summary>Parses a plan as a submit would; a benchmark plan that does not parse is a bug, named with every error.</summary>
    public static RolloutPlan Parse(string yaml, IOptions<PlanOptions> options)
    {
        var parsed = PlanParser.Parse(yaml, options.Value.ToParseOptions());
        return parsed.IsValid
            ? parsed.Plan!
            : throw new InvalidOperationException("benchmark plan is invalid: " + string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }

    /// <summary>Stores a new rollout of <paramref name="plan"/> that is in its canary step since now.</summary>
    public static async Task<Guid> InsertAsync(IRolloutStore store, RolloutPlan plan, int step, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var rollout = new Rollout
        {
            Id = Guid.CreateVersion7(now),
            EndpointKey = EndpointKeys.For(plan.Target),
            Plan = plan,
            Phase = RolloutPhase.Canary,
            StepIndex = step,
            StepStartedAt = now,
            SubmittedBy = "bench",
            CreatedAt = now,
            UpdatedAt = now,
        };
        var actor = new Actor("bench", ActorRole.ReleaseManager, CommandSource.Cli);
        await store.InsertAsync(rollout, [new AuditEvent(rollout.Id, now, actor, "Submit", "benchmark: stored in its canary step", null, RolloutPhase.Canary)], cancellationToken);
        return rollout.Id;
    }
}
