using System.Collections.Concurrent;
using Orchestrator.Rollouts;
using Tests.Common.Crashes;

namespace Orchestrator.Execution.Tests;

/// <summary>
/// Invariant 5 at every point: a run crashed at its N-th side-effecting call (an endpoint write, the smoke-test invoke,
/// a store write), before or after the call took effect, and resumed on a new host, ends as the uncrashed run does,
/// for every N the uncrashed run has. One test per scenario and moment loops over N and reports every failing point
/// at once: the crash points are counted from the uncrashed run at test time (a fixed MemberData count would go
/// stale whenever the product adds a call), and the whole list shows a pattern a first failure would hide.
/// </summary>
public sealed class CrashAtEveryPointTests
{
    [Theory]
    [InlineData(nameof(CrashScenario.Healthy), CrashMoment.Before, 0)]
    [InlineData(nameof(CrashScenario.Healthy), CrashMoment.After, 0)]
    [InlineData(nameof(CrashScenario.Healthy), CrashMoment.Before, 5)]
    [InlineData(nameof(CrashScenario.Healthy), CrashMoment.After, 5)]
    [InlineData(nameof(CrashScenario.FailsInCanary), CrashMoment.Before, 0)]
    [InlineData(nameof(CrashScenario.FailsInCanary), CrashMoment.After, 0)]
    [InlineData(nameof(CrashScenario.FailsInCanary), CrashMoment.Before, 5)]
    [InlineData(nameof(CrashScenario.FailsInCanary), CrashMoment.After, 5)]
    [InlineData(nameof(CrashScenario.FailsAfterPromotion), CrashMoment.Before, 0)]
    [InlineData(nameof(CrashScenario.FailsAfterPromotion), CrashMoment.After, 0)]
    [InlineData(nameof(CrashScenario.FailsAfterPromotion), CrashMoment.Before, 5)]
    [InlineData(nameof(CrashScenario.FailsAfterPromotion), CrashMoment.After, 5)]
    public async Task Run_CrashedAtAnySideEffectAndResumed_EndsAsTheUncrashedRunWithInvariantsHeld(string name, CrashMoment moment, int downtimeMinutes)
    {
        // Downtime 0: the service restarts at once. 5 min: longer than the bake (30 s) and the max blind time (2 min),
        // so bakes run out and the gates see nothing while the service is down.
        var scenario = CrashScenario.Named(name);
        var downtime = TimeSpan.FromMinutes(downtimeMinutes);
        var reference = await CrashRun.RunAsync(scenario);
        Assert.Equal(scenario.Expected, reference.Rollout.Phase);
        Assert.Empty(CrashRunChecks.Invariants(scenario, reference));

        // Runs are independent worlds (own database, endpoints, clock); a few at a time keep the set fast.
        var failures = new ConcurrentBag<(int Call, string Problem)>();
        await Parallel.ForEachAsync(Enumerable.Range(1, reference.Calls), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, _) =>
        {
            var crashed = await CrashRun.RunAsync(scenario, n, moment, downtime);
            var problems = CrashRunChecks.Invariants(scenario, crashed).Concat(CrashRunChecks.SameEnd(reference, crashed)).ToList();
            if (crashed.CrashedAt is null)
            {
                problems.Add("the crash never struck: the run made fewer calls than the uncrashed one");
            }

            foreach (var problem in problems)
            {
                failures.Add((n, $"crash at {crashed.CrashedAt ?? $"call {n}"}: {problem}"));
            }
        });

        var report = failures.OrderBy(f => f.Call).Select(f => f.Problem).ToList();
        Assert.True(report.Count == 0, $"{scenario.Name}, restart after {downtime}: {report.Count} problem(s) over {reference.Calls} crash points:\n{string.Join("\n", report)}");
    }

    [Theory]
    [InlineData(nameof(CrashScenario.Healthy), new[] { SideEffectKind.EnsureEndpoint, SideEffectKind.PutDeployment, SideEffectKind.Invoke, SideEffectKind.SetTraffic, SideEffectKind.DeleteDeployment, SideEffectKind.StoreUpdate, SideEffectKind.StoreGateRound })]
    [InlineData(nameof(CrashScenario.FailsInCanary), new[] { SideEffectKind.StoreGateRoundAndUpdate, SideEffectKind.SetTraffic, SideEffectKind.DeleteDeployment, SideEffectKind.StoreUpdate })]
    [InlineData(nameof(CrashScenario.FailsAfterPromotion), new[] { SideEffectKind.StoreGateRoundAndUpdate, SideEffectKind.SetTraffic, SideEffectKind.StoreUpdate })]
    public async Task Run_Uncrashed_CrashPointsCoverEveryBoundaryOfTheScenario(string name, SideEffectKind[] kinds)
    {
        // The loop above crashes at every counted call; this pins that the count covers the boundaries that matter.
        var run = await CrashRun.RunAsync(CrashScenario.Named(name));

        Assert.Equal(run.Calls, run.Journal.Count(e => e.Kind != SideEffectKind.StoreInsert));
        Assert.All(kinds, kind => Assert.Contains(run.Journal, e => e.Kind == kind));
    }

    [Fact]
    public async Task Run_CrashAfterGreenDeployedBeforeTheStepWasStored_PutsTheSameSpecAgainAndGoesOn()
    {
        // The nastiest case made concrete: the endpoint has green, the store still says "deploy it".
        var reference = await CrashRun.RunAsync(CrashScenario.Healthy);
        var putGreen = reference.Journal.First(e => e.Kind == SideEffectKind.PutDeployment && e.Deployment == "green").Sequence;

        var crashed = await CrashRun.RunAsync(CrashScenario.Healthy, putGreen - 1, CrashMoment.After);

        Assert.Contains("PutDeployment green", crashed.CrashedAt, StringComparison.Ordinal);
        Assert.Equal(2, crashed.Journal.Count(e => e.Kind == SideEffectKind.PutDeployment && e.Deployment == "green"));
        Assert.Equal(RolloutPhase.Succeeded, crashed.Rollout.Phase);
        Assert.Empty(CrashRunChecks.Invariants(CrashScenario.Healthy, crashed));
    }
}
