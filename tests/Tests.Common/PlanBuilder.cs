using Orchestrator.Plans;
using Policies.Gates;

namespace Tests.Common;

/// <summary>Builds rollout plans in code for tests that should not depend on the YAML parser.</summary>
public sealed class PlanBuilder
{
    private readonly List<RolloutStep> _steps = [];
    private string _endpoint = "ep";
    private string _baseline = "blue";
    private string _candidate = "green";
    private DeploymentSpec? _baselineSpec = DeploymentSpec.ForModel("model-1");
    private bool _deleteCandidate;
    private GatePolicy _policy = DefaultPolicy;

    /// <summary>A policy for scenario tests: 10 s interval; p99 ≤ 500 ms and 5xx ≤ baseline + 1 point over 1 min with ≥ 10 samples; 2 failures roll back; 2 min blind rolls back.</summary>
    public static GatePolicy DefaultPolicy { get; } = new(
        "test",
        TimeSpan.FromSeconds(10),
        [
            new Gate("p99", GateMetric.LatencyP99Ms, new GateThreshold(ThresholdKind.AtMost, 500), TimeSpan.FromMinutes(1), 10),
            new Gate("5xx-vs-baseline", GateMetric.ErrorRate5xx, new GateThreshold(ThresholdKind.PointsOverBaseline, 1), TimeSpan.FromMinutes(1), 10),
        ],
        FailureLimit: 2,
        InconclusiveLimit: 3,
        MaxBlind: TimeSpan.FromMinutes(2));

    /// <summary>The smoke-test request of the Azure ML sample.</summary>
    public const string SampleRequest = """{"data": [[1,2,3,4,5,6,7,8,9,10],[10,9,8,7,6,5,4,3,2,1]]}""";

    /// <summary>Names the endpoint.</summary>
    public PlanBuilder Endpoint(string name)
    {
        _endpoint = name;
        return this;
    }

    /// <summary>Names the baseline and the candidate (default blue and green).</summary>
    public PlanBuilder Deployments(string baseline, string candidate)
    {
        (_baseline, _candidate) = (baseline, candidate);
        return this;
    }

    /// <summary>The baseline already exists: no spec to create it.</summary>
    public PlanBuilder ExistingBaseline()
    {
        _baselineSpec = null;
        return this;
    }

    /// <summary>Deletes the candidate on rollback.</summary>
    public PlanBuilder DeleteCandidateOnRollback()
    {
        _deleteCandidate = true;
        return this;
    }

    /// <summary>Uses another gate policy.</summary>
    public PlanBuilder Policy(GatePolicy policy)
    {
        _policy = policy;
        return this;
    }

    /// <summary>Adds a step.</summary>
    public PlanBuilder Step(RolloutStep step)
    {
        _steps.Add(step);
        return this;
    }

    /// <summary>The default path with the given bake for every baking step.</summary>
    public PlanBuilder DefaultPath(TimeSpan bake) =>
        Step(new RolloutStep.Deploy())
            .Step(new RolloutStep.SmokeTest(SampleRequest, null, 200, null))
            .Step(new RolloutStep.Mirror(10, bake))
            .Step(new RolloutStep.Traffic(10, bake))
            .Step(new RolloutStep.Traffic(100, bake))
            .Step(new RolloutStep.DeleteBaseline());

    /// <summary>The plan.</summary>
    public RolloutPlan Build() => new(
        new TargetSpec(TargetKind.Local, _endpoint, null, EndpointCompute.Managed),
        new BaselineSpec(_baseline, _baselineSpec),
        new CandidateSpec(_candidate, DeploymentSpec.ForModel("model-2")),
        _steps.Count > 0 ? [.. _steps] : DefaultPath(TimeSpan.FromMinutes(1))._steps,
        _policy,
        new RollbackOptions(_deleteCandidate));
}
