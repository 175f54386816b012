using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Policies.Documents;
using Policies.Gates;

namespace Orchestrator.Cli;

/// <summary>Writes an expanded plan for people: the deployments, the gates, then each step with the endpoint state it asks for.</summary>
internal static class PlanPrinter
{
    public static void Print(RolloutPlan plan, TextWriter output)
    {
        var target = plan.Target;
        var where = target.Azure is { } azure
            ? $"azureml endpoint {target.Endpoint} ({Compute(target.Compute)}) in workspace {azure.Workspace}, resource group {azure.ResourceGroup}, subscription {azure.SubscriptionId}"
            : $"local endpoint {target.Endpoint} ({Compute(target.Compute)})";
        output.WriteLine($"Plan: {where}");
        output.WriteLine($"  baseline   {plan.Baseline.Name}: {(plan.Baseline.Spec is { } spec ? $"{Spec(spec)}; created with the endpoint at 100% when the endpoint is missing" : "an existing deployment")}");
        output.WriteLine($"  candidate  {plan.Candidate.Name}: {Spec(plan.Candidate.Spec)}");
        output.WriteLine($"  gates      {Policy(plan.Policy)}");
        output.WriteLine($"  rollback   {DesiredState.RollbackState(plan)}; {plan.Candidate.Name} {(plan.Rollback.DeleteCandidate ? "deleted" : "kept at 0%")}");
        output.WriteLine($"  when busy  {(plan.OnBusyEndpoint == BusyEndpointPolicy.Queue
            ? "queue behind the endpoint's active rollout (onBusyEndpoint: queue)"
            : "refuse while another rollout is active on the endpoint (onBusyEndpoint: reject)")}");
        output.WriteLine();
        output.WriteLine("Steps, with the endpoint state each asks for (live | mirror):");

        var lines = plan.Steps.Select((step, i) => (Step: $"  [{i}] {StepDescription.Describe(step, plan)}", State: DesiredState.DesiredEndpointState(plan, i).ToString())).ToList();
        var width = lines.Max(l => l.Step.Length) + 3;
        foreach (var (step, state) in lines)
        {
            output.WriteLine($"{step.PadRight(width)}{state}");
        }
    }

    private static string Compute(EndpointCompute compute) => Policies.Documents.NamedEnumConverter.NameOf(compute);

    private static string Spec(DeploymentSpec spec) =>
        $"model {spec.Model}, {spec.InstanceCount} instance{(spec.InstanceCount == 1 ? string.Empty : "s")}"
        + (spec.InstanceType is null ? string.Empty : $" of {spec.InstanceType}")
        + (spec.Faults is null ? string.Empty : ", with injected faults");

    private static string Policy(GatePolicy policy) =>
        $"{policy.Name}: every {DurationText.Format(policy.Interval)}, {policy.Gates.Count} gate{(policy.Gates.Count == 1 ? string.Empty : "s")} "
        + $"({string.Join(", ", policy.Gates.Select(g => g.Name))}); roll back after {policy.FailureLimit} failed round{(policy.FailureLimit == 1 ? string.Empty : "s")}, "
        + $"hold after {policy.InconclusiveLimit} inconclusive, roll back when blind for {DurationText.Format(policy.MaxBlind)}";
}
