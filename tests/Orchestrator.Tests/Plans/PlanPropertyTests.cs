using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Endpoints;

namespace Orchestrator.Plans.Tests;

/// <summary>
/// Properties over generated plans (FsCheck 3 core, run from facts): valid plans never ask for a split that
/// breaks an endpoint rule, and every plan with one injected defect is refused at the defect's field.
/// </summary>
public class PlanPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void ValidPlans_EveryDesiredStateAndTheRollbackState_PassTheEndpointRules()
    {
        Check.One(Runs, Prop.ForAll(PlanGenerators.ValidPlans.ToArbitrary(), generated =>
        {
            var plan = TestPlans.Valid(generated.ToString());
            IReadOnlyCollection<DeploymentStatus> deployments =
            [
                new(plan.Baseline.Name, ProvisioningState.Succeeded, 1),
                new(plan.Candidate.Name, ProvisioningState.Succeeded, 2),
            ];

            for (var i = 0; i < plan.Steps.Count; i++)
            {
                var split = DesiredState.DesiredEndpointState(plan, i);
                Assert.Empty(EndpointRules.CheckTraffic(split, plan.Target.Compute, deployments));
            }

            Assert.Empty(EndpointRules.CheckTraffic(DesiredState.RollbackState(plan), plan.Target.Compute, deployments));
            Assert.Equal(100, DesiredState.DesiredEndpointState(plan, plan.Steps.Count - 1).LiveOf(plan.Candidate.Name));
        }));
    }

    [Fact]
    public void InvalidPlans_AreRefusedWithAnErrorAtTheDefectsField()
    {
        Check.One(Runs, Prop.ForAll(PlanGenerators.InvalidPlans.ToArbitrary(), input =>
        {
            var (generated, defect) = input;
            var tree = generated.ToTree();
            var path = defect.Apply(generated, tree);
            var text = generated.Write(tree);

            var result = TestPlans.Parse(text);

            Assert.False(result.IsValid, $"{defect} was accepted:\n{text}");
            Assert.True(
                result.Errors.Any(e => e.Path == path),
                $"{defect}: no error at {path}; got:\n{string.Join("\n", result.Errors)}\nplan:\n{text}");
        }));
    }
}
