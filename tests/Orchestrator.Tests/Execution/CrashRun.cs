using Orchestrator.Rollouts;
using Tests.Common;
using Tests.Common.Crashes;

namespace Orchestrator.Execution.Tests;

/// <summary>
/// Runs a <see cref="CrashScenario"/> as the worker would (tick until it waits; every gate interval a gate check),
/// optionally killing the host at one side-effecting call. After the crash the host is thrown away and a new one
/// opens the same SQLite file with the same endpoints and clock, runs the service's start-up recovery (the resumer),
/// ticks and checks what it woke at once, and carries on until the rollout ends.
/// </summary>
public static class CrashRun
{
    private const int MaxRounds = 100;
    private static readonly TimeSpan Interval = PlanBuilder.DefaultPolicy.Interval;

    /// <summary>
    /// Runs the scenario, crashing at side-effecting call <paramref name="crashAt"/> when given; the new host starts
    /// after <paramref name="downtime"/> (the endpoint keeps serving meanwhile).
    /// </summary>
    public static async Task<CrashRunOutcome> RunAsync(CrashScenario scenario, int? crashAt = null, CrashMoment moment = CrashMoment.Before, TimeSpan downtime = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var journal = new SideEffectJournal();
        var fuse = new CrashFuse();
        var host = await ScenarioHost.StartAsync(s => s.AddCrashInjection(fuse, journal));
        var (endpoints, clock) = (host.Endpoints, host.Clock);
        try
        {
            var id = await host.SeedAsync(scenario.Plan);
            // Count from here (the seed stands in for a submit); an uncrashed run only counts.
            fuse.Arm(crashAt ?? int.MaxValue, moment);

            var (crashed, swallowed) = (false, false);
            for (var round = 0; round < MaxRounds; round++)
            {
                try
                {
                    await WorkAsync(host, scenario, id, round);
                    swallowed |= fuse.Blown && !crashed;
                }
                catch (SimulatedCrashException e)
                {
                    // The process died mid-call: what follows is the restart below. Any other crash than the one that
                    // struck is a later call of the dead host: the product caught the crash and went on.
                    swallowed |= !ReferenceEquals(e, fuse.Crash);
                }

                if (fuse.Blown && !crashed)
                {
                    crashed = true;
                    var folder = host.Folder;
                    await host.AbandonAsync();
                    clock.Advance(downtime);
                    host = await ScenarioHost.ReopenAsync(folder, endpoints, clock, s => s.AddCrashInjection(new CrashFuse(), journal));
                    foreach (var woken in await host.RecoverAsync())
                    {
                        // What the worker does with a wake-up (SchedulerWakeUp): a tick now, then a gate check now.
                        await host.TickUntilWaitingAsync(woken);
                        Degrade(host, scenario);
                        await host.CheckGatesAsync(woken);
                        await host.TickUntilWaitingAsync(woken);
                    }
                }

                if ((await host.RolloutAsync(id)).Phase.IsTerminal())
                {
                    break;
                }
            }

            var endpoint = endpoints.Endpoint(scenario.Plan.Target.Endpoint);
            return new CrashRunOutcome(
                fuse.Calls,
                fuse.BlownAt,
                swallowed,
                await host.RolloutAsync(id),
                await host.Store.GetAuditAsync(id),
                await host.Store.GetGateRoundsAsync(id),
                endpoint.Traffic,
                endpoint.TrafficHistory,
                endpoint.DeploymentNames(),
                journal.Entries);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>One worker round: the tick runs until it waits, then a gate interval passes and the gates are checked.</summary>
    private static async Task WorkAsync(ScenarioHost host, CrashScenario scenario, Guid id, int round)
    {
        if (round > 0)
        {
            host.Clock.Advance(Interval);
            Degrade(host, scenario);
            await host.CheckGatesAsync(id);
        }

        await host.TickUntilWaitingAsync(id);
    }

    private static void Degrade(ScenarioHost host, CrashScenario scenario)
    {
        if (scenario.GreenDegraded(host.Endpoints.Endpoint(scenario.Plan.Target.Endpoint)))
        {
            host.Metrics.Degrade(scenario.Plan.Candidate.Name, latencyMs: 900, errorPercent: 20);
        }
    }
}
