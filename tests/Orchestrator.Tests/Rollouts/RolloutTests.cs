using Orchestrator.Api.Tests;
using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Rollouts.Tests;

/// <summary>The split a rollout asks for now, which the API and the progress of run and demo both show.</summary>
public class RolloutTests
{
    public static TheoryData<RolloutPhase, int, string> Phases() => new()
    {
        { RolloutPhase.Pending, -1, "blue=100" },                        // preparing: the baseline alone
        { RolloutPhase.Shadowing, 1, "blue=100 | mirror green=10" },
        { RolloutPhase.Canary, 2, "blue=90 green=10" },
        { RolloutPhase.RollingBack, 2, "blue=100" },                     // not the step's 90/10: the rollback split
        { RolloutPhase.RolledBack, 3, "blue=100" },
        { RolloutPhase.Failed, 3, "blue=100" },
        { RolloutPhase.Succeeded, 5, "green=100" },                      // after the last step: the last step's split
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void DesiredTraffic_Phase_IsWhatTheRolloutAsksOfTheEndpointNow(RolloutPhase phase, int stepIndex, string expected)
    {
        var rollout = TestRollouts.Create("ep", phase, stepIndex);

        Assert.Equal(expected, rollout.DesiredTraffic().ToString());
        Assert.Empty(EndpointRules.CheckTraffic(rollout.DesiredTraffic(), EndpointCompute.Managed, deployments: null));
    }
}
