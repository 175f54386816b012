using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orchestrator.Auth;
using Orchestrator.Dispatching;
using Orchestrator.Features.Rollouts.GetGateHistory;
using Orchestrator.Features.Rollouts.GetRollout;
using Orchestrator.Features.Rollouts.GetRolloutAudit;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Features.Rollouts.SubmitRollout;
using Orchestrator.Rollouts;

namespace Orchestrator.Api;

/// <summary>Submit and read rollouts: <c>/api/v1/rollouts</c>. Errors leave as exceptions for <see cref="ProblemDetailsExceptionHandler"/>.</summary>
internal static class RolloutEndpoints
{
    public static RouteGroupBuilder MapRolloutEndpoints(this RouteGroupBuilder api)
    {
        var rollouts = api.MapGroup("/rollouts").WithTags("Rollouts");

        rollouts.MapPost("/", SubmitRollout)
            .WithName(nameof(SubmitRollout))
            .WithSummary("Submit a rollout plan (YAML or JSON); it starts at once (201) unless the endpoint is busy: then 409, or 202 Queued with onBusyEndpoint: queue.")
            .AddOpenApiOperationTransformer(PlanBody.DescribeAsync)
            .AddOpenApiOperationTransformer(ClientHeader.DescribeAsync)
            .AddOpenApiOperationTransformer(IdempotencyKey.DescribeAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireRolesOf<SubmitRolloutCommand, RouteHandlerBuilder>();

        rollouts.MapGet("/", ListRollouts)
            .WithName(nameof(ListRollouts))
            .WithSummary("List rollouts, newest first; filter by state and endpoint.")
            .ProducesValidationProblem()
            .RequireRoles(ApiRoles.Readers);

        rollouts.MapGet("/{id:guid}", GetRollout)
            .WithName(nameof(GetRollout))
            .WithSummary("One rollout: state, step, bake, desired and actual traffic, last gate verdicts.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(ApiRoles.Readers);

        rollouts.MapGet("/{id:guid}/audit", GetRolloutAudit)
            .WithName(nameof(GetRolloutAudit))
            .WithSummary("The rollout's audit log, oldest first, a page at a time: ?after= the previous page's next, ?limit= the page size.")
            .AddOpenApiOperationTransformer(FeedParameters.DescribeAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(ApiRoles.Readers);

        rollouts.MapGet("/{id:guid}/gates", GetGateHistory)
            .WithName(nameof(GetGateHistory))
            .WithSummary("The rollout's gate-check rounds with their evidence, oldest first, a page at a time (?after=, ?limit= as for the audit log); of one step with ?step=.")
            .AddOpenApiOperationTransformer(FeedParameters.DescribeAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(ApiRoles.Readers);

        return rollouts;
    }

    public static async Task<Results<Created<RolloutSummary>, Accepted<RolloutSummary>>> SubmitRollout(
        HttpRequest request, ClaimsPrincipal user, ISender sender, IOptions<ApiOptions> options, CancellationToken cancellationToken,
        [FromQuery, Description("The absolute folder, on the server, that the plan's relative paths resolve against (the CLI sends the plan file's folder); without it they resolve against Orchestrator:Plans:BaseDirectory.")] string? planDirectory = null)
    {
        var actor = request.ActorOf(user);
        var requestId = IdempotencyKey.RequestIdOf(request, actor);
        var plan = await PlanBody.ReadAsync(request, options.Value.MaxPlanBytes, cancellationToken).ConfigureAwait(false);
        var rollout = await sender.SendAsync(new SubmitRolloutCommand(plan, actor, requestId, planDirectory), cancellationToken).ConfigureAwait(false);
        return Submitted(rollout);
    }

    /// <summary>The answer to a submitted plan, the same for the API and the CI webhook: 201 Created with its location, or 202 Accepted while it is queued.</summary>
    internal static Results<Created<RolloutSummary>, Accepted<RolloutSummary>> Submitted(Rollout rollout)
    {
        var location = $"/api/v1/rollouts/{rollout.Id}";

        // Accepted, not created: a queued rollout starts later, when the rollouts ahead of it (queuedBehind) end.
        return rollout.Phase == RolloutPhase.Queued
            ? TypedResults.Accepted(location, RolloutSummary.From(rollout))
            : TypedResults.Created(location, RolloutSummary.From(rollout));
    }

    public static async Task<Ok<RolloutList>> ListRollouts(
        ISender sender, CancellationToken cancellationToken, string? state = null, string? endpoint = null, int limit = ListRolloutsQuery.DefaultLimit)
    {
        RolloutPhase? phase = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            phase = Enum.TryParse<RolloutPhase>(state.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new CommandValidationException(
                    [new ValidationFailure("state", $"'{state}' is not a state; use one of {string.Join(", ", Enum.GetNames<RolloutPhase>())}")]);
        }

        return TypedResults.Ok(await sender.SendAsync(new ListRolloutsQuery(phase, endpoint, limit), cancellationToken).ConfigureAwait(false));
    }

    public static async Task<Ok<RolloutView>> GetRollout(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.SendAsync(new GetRolloutQuery(id), cancellationToken).ConfigureAwait(false));

    public static async Task<Ok<AuditLog>> GetRolloutAudit(
        Guid id, ISender sender, CancellationToken cancellationToken, [FromQuery] string? after = null, [FromQuery] string? limit = null)
    {
        var failures = new List<ValidationFailure>();
        var cursor = FeedParameters.Read(after, limit, failures);
        FeedParameters.ThrowIfAny(failures);
        return TypedResults.Ok(await sender.SendAsync(new GetRolloutAuditQuery(id, cursor.After, cursor.Limit), cancellationToken).ConfigureAwait(false));
    }

    public static async Task<Ok<GateHistory>> GetGateHistory(
        Guid id, ISender sender, CancellationToken cancellationToken, [FromQuery] string? step = null, [FromQuery] string? after = null, [FromQuery] string? limit = null)
    {
        var failures = new List<ValidationFailure>();
        var stepIndex = FeedParameters.ReadOptional("step", step, failures);
        var cursor = FeedParameters.Read(after, limit, failures);
        FeedParameters.ThrowIfAny(failures);
        return TypedResults.Ok(await sender.SendAsync(new GetGateHistoryQuery(id, stepIndex, cursor.After, cursor.Limit), cancellationToken).ConfigureAwait(false));
    }
}
