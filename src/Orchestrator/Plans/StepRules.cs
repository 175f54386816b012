using System.Diagnostics;
using Orchestrator.Endpoints;

namespace Orchestrator.Plans;

/// <summary>
/// Rules over the whole step sequence: order (deploy first, deleteBaseline last), traffic that only grows, a plan
/// that ends with the candidate at 100%, and every split a step asks for checked by <see cref="EndpointRules"/>.
/// </summary>
internal static class StepRules
{
    public static void Check(IReadOnlyList<ParsedStep> steps, string stepsPath, PlanReadContext context)
    {
        var baseline = context.BaselineName!;
        var candidate = context.CandidateName!;
        var live = DesiredState.Initial(baseline);
        ParsedStep? deploy = null;
        ParsedStep? lastTraffic = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var parsed = steps[i];
            switch (parsed.Step)
            {
                case RolloutStep.Deploy when deploy is not null:
                    context.Errors.Add(parsed.Path, $"the candidate is already deployed by {deploy.Path}; a plan deploys it once");
                    break;
                case RolloutStep.Deploy:
                    deploy = parsed;
                    break;
                case RolloutStep.SmokeTest or RolloutStep.Mirror or RolloutStep.Traffic:
                    RequireDeploy(parsed, deploy, candidate, context);
                    CheckTraffic(parsed, live, lastTraffic, context);
                    break;
                case RolloutStep.Scale scale:
                    CheckScale(parsed, scale, deploy, context);
                    break;
                case RolloutStep.DeleteBaseline:
                    CheckDeleteBaseline(parsed, i == steps.Count - 1, live, context);
                    break;
                case RolloutStep.Approval:
                    break;
                default:
                    throw new UnreachableException($"step kind {parsed.Step.GetType().Name} has no rules");
            }

            // A percent outside 0..100 is reported once, at its step: the steps after it are judged against the
            // split before it, so one typo does not cascade into errors at the paths of steps that are right.
            if (parsed.Step is RolloutStep.Traffic { Percent: < 0 or > 100 })
            {
                continue;
            }

            lastTraffic = parsed.Step is RolloutStep.Traffic ? parsed : lastTraffic;
            if (parsed.Step is not RolloutStep.Mirror || !context.DropsMirrorSteps)
            {
                live = DesiredState.Next(live, parsed.Step, baseline, candidate);
            }
        }

        if (steps.Count > 0 && live.LiveOf(candidate) != 100)
        {
            context.Errors.Add(stepsPath, $"the plan ends with {candidate} at {live.LiveOf(candidate)}% live traffic; it must end with {candidate} at 100% (a traffic step with percent: 100)");
        }
    }

    private static void RequireDeploy(ParsedStep parsed, ParsedStep? deploy, string candidate, PlanReadContext context)
    {
        if (deploy is null)
        {
            context.Errors.Add(parsed.Path, $"comes before {candidate} is deployed: add a deploy step before it");
        }
    }

    private static void CheckTraffic(ParsedStep parsed, TrafficSplit live, ParsedStep? lastTraffic, PlanReadContext context)
    {
        var candidate = context.CandidateName!;
        TrafficSplit split;
        switch (parsed.Step)
        {
            case RolloutStep.Mirror mirror:
                var target = parsed.Deployment ?? candidate;
                if (!context.IsPlanDeployment(target))
                {
                    context.Errors.Add(parsed.DeploymentPath ?? parsed.Path, $"{context.NotAPlanDeployment(target)}; only the candidate can be mirrored");
                    return;
                }

                if (mirror.Percent == 0 && parsed.PercentPath is not null)
                {
                    context.Errors.Add(parsed.PercentPath, "0 mirrors nothing: give 1..50");
                    return;
                }

                // Mirror on top of the live split before it: mirroring a deployment that already has live traffic breaks a rule.
                split = TrafficSplit.Create(live.Live, [new(target, mirror.Percent)]);
                break;
            case RolloutStep.Traffic traffic when traffic.Percent is < 0 or > 100:
                // Only the range: the live total of an out-of-range percent says nothing more.
                var range = EndpointRules.CheckTraffic(TrafficSplit.Create([new(candidate, traffic.Percent)]), context.Compute, deployments: null);
                foreach (var violation in range.Where(v => v.Rule == EndpointRule.PercentRange))
                {
                    context.Errors.Add(PathOf(parsed, violation.Rule), violation.Message);
                }

                return;
            case RolloutStep.Traffic traffic:
                if (lastTraffic?.Step is RolloutStep.Traffic previous && traffic.Percent < previous.Percent)
                {
                    context.Errors.Add(parsed.PercentPath ?? parsed.Path, $"{traffic.Percent}% is below the {previous.Percent}% of {lastTraffic.Path}: live traffic to the candidate only grows (to go back, abort and roll back)");
                }

                split = DesiredState.Next(live, traffic, context.BaselineName!, candidate);
                break;
            default:
                return;
        }

        // A mirror step that mirrorOnKubernetes: skip drops is still checked on its own terms, as on a managed endpoint.
        var compute = parsed.Step is RolloutStep.Mirror && context.DropsMirrorSteps ? EndpointCompute.Managed : context.Compute;
        foreach (var violation in EndpointRules.CheckTraffic(split, compute, deployments: null))
        {
            context.Errors.Add(PathOf(parsed, violation.Rule), Explain(violation, context));
        }
    }

    private static string PathOf(ParsedStep parsed, EndpointRule rule) => rule switch
    {
        EndpointRule.PercentRange or EndpointRule.MirrorLimit => parsed.PercentPath ?? parsed.Path,
        EndpointRule.LiveOrMirror => parsed.DeploymentPath ?? parsed.Path,
        _ => parsed.Path,
    };

    private static string Explain(RuleViolation violation, PlanReadContext context) => violation.Rule switch
    {
        EndpointRule.NoMirrorOnKubernetes => $"{violation.Message}: remove the mirror step, or set target.mirrorOnKubernetes: skip to drop mirror steps",
        EndpointRule.LiveOrMirror => $"{violation.Message}: mirror before any live traffic goes to {context.CandidateName}, and only to the candidate",
        _ => violation.Message,
    };

    private static void CheckScale(ParsedStep parsed, RolloutStep.Scale scale, ParsedStep? deploy, PlanReadContext context)
    {
        if (!context.IsPlanDeployment(scale.Deployment))
        {
            context.Errors.Add(parsed.DeploymentPath ?? parsed.Path, context.NotAPlanDeployment(scale.Deployment));
        }
        else if (context.IsCandidate(scale.Deployment))
        {
            RequireDeploy(parsed, deploy, scale.Deployment, context);
        }
    }

    private static void CheckDeleteBaseline(ParsedStep parsed, bool isLast, TrafficSplit live, PlanReadContext context)
    {
        if (!isLast)
        {
            context.Errors.Add(parsed.Path, "must be the last step: nothing can follow the deletion of the baseline");
        }

        foreach (var violation in EndpointRules.CheckDelete(context.BaselineName!, live))
        {
            context.Errors.Add(parsed.Path, $"{violation.Message}; the baseline is deleted only after {context.CandidateName} holds 100% live traffic");
        }
    }
}
