using System.CommandLine;
using System.Diagnostics;
using Orchestrator.Benchmarks.Hosting;
using Orchestrator.Benchmarks.Probes;
using Orchestrator.Benchmarks.Reporting;
using Orchestrator.Dispatching;
using Orchestrator.Features.Rollouts.SubmitRollout;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;
using Orchestrator.Targets.Local;
using Policies.Gates;

namespace Orchestrator.Benchmarks.Reaction;

/// <summary>
/// <c>fault-to-blue</c>: a real rollout through the real Quartz worker, real traffic and the real local metric
/// source; green breaks during its 10% canary, and the clock runs until blue is back at 100% (docs/benchmarks.md).
/// </summary>
internal static class FaultToBlueCommand
{
    private const string Endpoint = "onset";
    private static readonly TimeSpan GateWindow = TimeSpan.FromSeconds(10);
    private static readonly FaultInjection Fault = new(new LatencyFault(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(50)), 0.3, null, false);

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Faults injected (one rollout each).", DefaultValueFactory = _ => 7 };
        var rps = new Option<int>("--rps") { Description = "Scoring requests per second sent to the endpoint.", DefaultValueFactory = _ => 50 };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results to this JSON file." };
        var command = new Command("fault-to-blue", "Fault onset on green in a canary (1 s gate interval) → blue at 100%, through the real worker; each run and the median.")
        {
            runs, rps, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var results = await RunAsync(result.GetValue(runs), result.GetValue(rps), output, cancellationToken);
            await JsonReport.WriteAsync(result.GetValue(json), results, output, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task<FaultToBlueResult> RunAsync(int runs, int rps, TextWriter output, CancellationToken cancellationToken)
    {
        var machine = MachineReport.Now();
        machine.Print(output);
        var marks = new RollbackMarks("blue");
        await using var node = await BenchNode.StartAsync(
            "onset", services => services.AddTimedStore(new StoreProfile(), marks).AddObservedLocalTargets(marks), cancellationToken: cancellationToken);
        var clock = node.Get<TimeProvider>();
        var store = node.Get<IRolloutStore>();
        var sender = node.Get<ISender>();
        var local = node.Get<LocalEndpointHost>();
        await using var traffic = new ScoringTraffic(local, Endpoint, rps);
        output.WriteLine($"{rps} requests/s to endpoint '{Endpoint}'; fault: +400±50 ms latency and 30% HTTP 500 on green at a random moment of its canary");

        var results = new List<FaultRun>();
        var spurious = new List<string>();
        var actor = new Actor("bench", ActorRole.ReleaseManager, CommandSource.Cli);
        for (var attempt = 1; results.Count < runs && attempt <= runs * 3; attempt++)
        {
            if (local.GetEndpoint(Endpoint)?.GetState().Deployment("green") is not null)
            {
                await local.SetFaultsAsync(Endpoint, "green", FaultInjection.None, cancellationToken);
            }

            var rollout = await sender.SendAsync(new SubmitRolloutCommand(BenchPlans.Reaction(Endpoint), actor), cancellationToken);
            var notReady = await WaitForHealthyCanaryAsync(store, rollout.Id, cancellationToken);
            if (notReady is not null)
            {
                // Before any fault: the machine's load made green look bad (or the rollout did not get there). Not a sample.
                spurious.Add(notReady);
                output.WriteLine($"attempt {attempt}: not measured: {notReady}");
                await WaitUntilAsync(async () => (await store.GetAsync(rollout.Id, cancellationToken))!.Phase.IsTerminal(), TimeSpan.FromMinutes(2), cancellationToken);
                await Task.Delay(GateWindow + TimeSpan.FromSeconds(2), cancellationToken);
                continue;
            }

            // Onset at a random moment of the 1 s gate interval, so the runs sample its phase.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)), cancellationToken);
            marks.Reset();
            var onsetAt = clock.GetUtcNow();
            var onset = Stopwatch.GetTimestamp();
            await local.SetFaultsAsync(Endpoint, "green", Fault, cancellationToken);
            var faultSet = Stopwatch.GetTimestamp();
            await marks.Restored.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            await WaitUntilAsync(() => Task.FromResult(marks.RolledBackStored != 0), TimeSpan.FromMinutes(1), cancellationToken);

            var rounds = await store.GetGateRoundsAsync(rollout.Id, BenchPlans.CanaryStep, cancellationToken);
            var failed = rounds.Where(r => r.At >= onsetAt && GateDecider.VerdictOf(r) == GateVerdict.Fail).ToList();
            var run = new FaultRun(
                results.Count + 1,
                Stopwatch.GetElapsedTime(onset, marks.BaselineRestored).TotalSeconds,
                Stopwatch.GetElapsedTime(onset, faultSet).TotalMilliseconds,
                failed.Count > 0 ? (failed[0].At - onsetAt).TotalSeconds : null,
                failed.Count > 0 ? (failed[^1].At - onsetAt).TotalSeconds : null,
                Stopwatch.GetElapsedTime(onset, marks.RolledBackStored).TotalSeconds,
                (await store.GetAsync(rollout.Id, cancellationToken))!.RollbackReason ?? "");
            results.Add(run);
            run.Print(output);

            // Let green's gate window forget the fault before the next canary judges it.
            await Task.Delay(GateWindow + TimeSpan.FromSeconds(2), cancellationToken);
        }

        var summary = new FaultToBlueResult(machine, rps, results, spurious, traffic.Sent, traffic.Failed, MachineReport.LoadAverageNow());
        summary.Print(output);
        return summary;
    }

    /// <summary>Waits until the rollout bakes its canary with three passing rounds in a row; returns why not, or null.</summary>
    private static async Task<string?> WaitForHealthyCanaryAsync(IRolloutStore store, Guid id, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * TimeSpan.FromMinutes(3).TotalSeconds);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var rollout = (await store.GetAsync(id, cancellationToken))!;
            if (rollout.Phase.IsTerminal() || rollout.Phase == RolloutPhase.RollingBack)
            {
                return $"rolled back before the fault: {rollout.RollbackReason}";
            }

            if (rollout.Phase == RolloutPhase.Canary)
            {
                var rounds = await store.GetGateRoundsAsync(id, BenchPlans.CanaryStep, cancellationToken);
                if (rounds.Count >= 3 && rounds.TakeLast(3).All(r => GateDecider.VerdictOf(r) == GateVerdict.Pass))
                {
                    return null;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return "no healthy canary within 3 minutes";
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * timeout.TotalSeconds);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"condition not reached within {timeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }
}
