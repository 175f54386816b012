using Orchestrator.Features.Rollouts.AbortRollout;
using Orchestrator.Features.Rollouts.PauseRollout;
using Orchestrator.Features.Rollouts.SubmitRollout;
using Orchestrator.Features.Rollouts.StartStep;
using Orchestrator.Rollouts;

namespace Orchestrator.Auth.Tests;

public sealed class ApiRolesTests
{
    [Theory]
    [InlineData("viewer", ActorRole.Viewer)]
    [InlineData("on-call", ActorRole.OnCall)]
    [InlineData("Release-Manager", ActorRole.ReleaseManager)]
    [InlineData("admin", ActorRole.Admin)]
    public void TryParse_KeyRoleName_ParsesCaseInsensitively(string name, ActorRole expected)
    {
        Assert.True(ApiRoles.TryParse(name, out var role));
        Assert.Equal(expected, role);
        Assert.Equal(name.ToLowerInvariant(), ApiRoles.NameOf(role));
    }

    [Theory]
    [InlineData("system")]
    [InlineData("OnCall")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotAKeyRole_Fails(string? name) => Assert.False(ApiRoles.TryParse(name, out _));

    [Fact]
    public void AllowedFor_Commands_AreTheirDeclaredRolesPlusAdmin()
    {
        Assert.Equal([ActorRole.OnCall, ActorRole.Admin], ApiRoles.AllowedFor<PauseRolloutCommand>());
        Assert.Equal([ActorRole.OnCall, ActorRole.Admin], ApiRoles.AllowedFor<AbortRolloutCommand>());
        Assert.Equal([ActorRole.ReleaseManager, ActorRole.Admin], ApiRoles.AllowedFor<SubmitRolloutCommand>());
    }

    [Fact]
    public void AllowedFor_SchedulerCommand_IsNoKeyRole()
    {
        // Only the worker sends these; not even an admin key may, as the dispatcher's authorization also says.
        Assert.Empty(ApiRoles.AllowedFor<StartStepCommand>());
    }
}
