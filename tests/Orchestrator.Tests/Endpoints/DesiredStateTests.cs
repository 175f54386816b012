using Orchestrator.Plans;
using Orchestrator.Plans.Tests;

namespace Orchestrator.Endpoints.Tests;

public class DesiredStateTests
{
    private static readonly RolloutPlan Plan = TestPlans.Valid(TestPlans.Minimal + """

        steps:
          - deploy
          - smokeTest
          - mirror: {percent: 20}
          - approval
          - traffic: {percent: 10}
          - scale: {instanceCount: 2}
          - traffic: {percent: 40}
          - traffic: {percent: 100}
          - deleteBaseline
        """);

    public static TheoryData<int, string> Steps() => new()
    {
        { 0, "blue=100" },                     // deploy: green at 0%
        { 1, "blue=100" },                     // smokeTest holds the split
        { 2, "blue=100 | mirror green=20" },   // shadow
        { 3, "blue=100 | mirror green=20" },   // approval holds the split, mirror included
        { 4, "blue=90 green=10" },             // leaving shadow resets the mirror
        { 5, "blue=90 green=10" },             // scale holds the split
        { 6, "blue=60 green=40" },
        { 7, "green=100" },                    // promotion: blue kept at 0%
        { 8, "green=100" },                    // deleteBaseline
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void DesiredEndpointState_EachStep_AsksForItsSplit(int step, string expected)
    {
        var split = DesiredState.DesiredEndpointState(Plan, step);

        Assert.Equal(expected, split.ToString());
        Assert.Empty(EndpointRules.CheckTraffic(split, EndpointCompute.Managed, deployments: null));
    }

    [Fact]
    public void DesiredEndpointState_SameInputs_SameSplit()
    {
        Assert.Equal(DesiredState.DesiredEndpointState(Plan, 6), DesiredState.DesiredEndpointState(Plan, 6));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    public void DesiredEndpointState_IndexOutsideTheSteps_Throws(int step)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DesiredState.DesiredEndpointState(Plan, step));
    }

    [Fact]
    public void RollbackState_AnyPlan_IsBaselineAtFullTrafficWithNoMirror()
    {
        var rollback = DesiredState.RollbackState(Plan);

        Assert.Equal(TrafficSplit.AllTo("blue"), rollback);
        Assert.Empty(rollback.Mirror);
    }
}
