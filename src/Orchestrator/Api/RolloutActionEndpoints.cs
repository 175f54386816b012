using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Auth;
using Orchestrator.Dispatching;
using Orchestrator.Features.Rollouts.AbortRollout;
using Orchestrator.Features.Rollouts.ApproveStep;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Features.Rollouts.PauseRollout;
using Orchestrator.Features.Rollouts.PromoteRollout;
using Orchestrator.Features.Rollouts.ResumeRollout;
using Orchestrator.Features.Rollouts.RetryRollout;
using Orchestrator.Rollouts;

namespace Orchestrator.Api;

/// <summary>
/// The human actions on a rollout: <c>POST /api/v1/rollouts/{id}/{pause|resume|abort|promote|approve|retry}</c>. Each
/// sends its command with the key as actor (the source named by <see cref="ClientHeader"/>); the state table decides whether it is permitted now (409 otherwise).
/// </summary>
internal static class RolloutActionEndpoints
{
    public static RouteGroupBuilder MapRolloutActionEndpoints(this RouteGroupBuilder rollouts)
    {
        Map<PauseRolloutCommand>(rollouts, "pause", PauseRollout, "Hold the current split; gates keep watching and a failure still rolls back.");
        Map<ResumeRolloutCommand>(rollouts, "resume", ResumeRollout, "Release a paused rollout into the phase it was paused from.");
        Map<AbortRolloutCommand>(rollouts, "abort", AbortRollout, "Roll back now: baseline 100%, mirror 0. A reason is required.");
        Map<PromoteRolloutCommand>(rollouts, "promote", PromoteRollout, "End the current bake now.");
        Map<ApproveStepCommand>(rollouts, "approve", ApproveStep, "Approve the approval step the rollout waits on.");
        Map<RetryRolloutCommand>(rollouts, "retry", RetryRollout, "After a rollback, start over from the beginning.");
        return rollouts;
    }

    public static Task<Ok<RolloutSummary>> PauseRollout(Guid id, ActionRequest? body, HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        SendAsync(sender, request, user, actor => new PauseRolloutCommand(id, body?.Reason, actor.Actor, actor.RequestId), cancellationToken);

    public static Task<Ok<RolloutSummary>> ResumeRollout(Guid id, ActionRequest? body, HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        SendAsync(sender, request, user, actor => new ResumeRolloutCommand(id, body?.Reason, actor.Actor, actor.RequestId), cancellationToken);

    public static Task<Ok<RolloutSummary>> AbortRollout(Guid id, ActionRequest? body, HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        // A missing reason is the command validator's to refuse, with every other failure, in one answer.
        SendAsync(sender, request, user, actor => new AbortRolloutCommand(id, body?.Reason ?? "", actor.Actor, actor.RequestId), cancellationToken);

    public static Task<Ok<RolloutSummary>> PromoteRollout(Guid id, ActionRequest? body, HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        SendAsync(sender, request, user, actor => new PromoteRolloutCommand(id, body?.Reason, actor.Actor, actor.RequestId), cancellationToken);

    public static Task<Ok<RolloutSummary>> ApproveStep(Guid id, ActionRequest? body, HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        SendAsync(sender, request, user, actor => new ApproveStepCommand(id, body?.Reason, actor.Actor, actor.RequestId), cancellationToken);

    public static Task<Ok<RolloutSummary>> RetryRollout(Guid id, ActionRequest? body, HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        SendAsync(sender, request, user, actor => new RetryRolloutCommand(id, body?.Reason, actor.Actor, actor.RequestId), cancellationToken);

    private static void Map<TCommand>(RouteGroupBuilder rollouts, string action, Delegate handler, string summary) =>
        rollouts.MapPost($"/{{id:guid}}/{action}", handler)
            .WithName(handler.Method.Name)
            .WithSummary(summary)
            .AddOpenApiOperationTransformer(ClientHeader.DescribeAsync)
            .AddOpenApiOperationTransformer(IdempotencyKey.DescribeAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRolesOf<TCommand, RouteHandlerBuilder>();

    private static async Task<Ok<RolloutSummary>> SendAsync(
        ISender sender, HttpRequest request, ClaimsPrincipal user, Func<(Actor Actor, string? RequestId), ICommand<Rollout>> command, CancellationToken cancellationToken)
    {
        var actor = request.ActorOf(user);
        var rollout = await sender.SendAsync(command((actor, IdempotencyKey.RequestIdOf(request, actor))), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(RolloutSummary.From(rollout));
    }
}
