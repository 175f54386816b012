using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Auth;
using Orchestrator.Features.Rollouts.AbortRollout;
using Orchestrator.Features.Rollouts.ApproveStep;
using Orchestrator.Features.Rollouts.PauseRollout;
using Orchestrator.Features.Rollouts.PromoteRollout;
using Orchestrator.Features.Rollouts.ResumeRollout;
using Orchestrator.Features.Rollouts.RetryRollout;
using Orchestrator.Features.Rollouts.SubmitRollout;
using Orchestrator.Rollouts;

namespace Orchestrator.Api;

/// <summary><c>GET /api/v1/me</c>: any valid key learns its name, role and permitted actions (the dashboard offers only those).</summary>
internal static class CurrentKeyEndpoints
{
    // Derived from the commands' [AllowedRoles], as the action routes' own authorization is, so the two cannot disagree.
    private static readonly (string Action, IReadOnlyList<ActorRole> Roles)[] ActionRoles =
    [
        ("submit", ApiRoles.AllowedFor<SubmitRolloutCommand>()),
        ("pause", ApiRoles.AllowedFor<PauseRolloutCommand>()),
        ("resume", ApiRoles.AllowedFor<ResumeRolloutCommand>()),
        ("abort", ApiRoles.AllowedFor<AbortRolloutCommand>()),
        ("promote", ApiRoles.AllowedFor<PromoteRolloutCommand>()),
        ("approve", ApiRoles.AllowedFor<ApproveStepCommand>()),
        ("retry", ApiRoles.AllowedFor<RetryRolloutCommand>()),
    ];

    public static RouteGroupBuilder MapCurrentKeyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetCurrentKey)
            .WithName(nameof(GetCurrentKey))
            .WithTags("API keys")
            .WithSummary("The presented key's name, role and the actions that role may send.")
            .RequireRoles(ApiRoles.Readers);
        return api;
    }

    public static Ok<CurrentKeyView> GetCurrentKey(ClaimsPrincipal user)
    {
        var actor = user.ToActor();
        return TypedResults.Ok(new CurrentKeyView(actor.Name, ApiRoles.NameOf(actor.Role), ActionsOf(actor.Role)));
    }

    /// <summary>The actions a role may send, in a fixed order.</summary>
    internal static IReadOnlyList<string> ActionsOf(ActorRole role) =>
        [.. ActionRoles.Where(a => a.Roles.Contains(role)).Select(a => a.Action)];
}
