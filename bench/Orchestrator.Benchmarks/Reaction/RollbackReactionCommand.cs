using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orchestrator.Benchmarks.Hosting;
using Orchestrator.Benchmarks.Probes;
using Orchestrator.Benchmarks.Reporting;
using Orchestrator.Endpoints;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;
using Orchestrator.Targets.Local;

namespace Orchestrator.Benchmarks.Reaction;

/// <summary>
/// <c>rollback-reaction</c>: the gate check that crosses the failure limit, through to the endpoint update applied
/// and the decision persisted, on the real local endpoint host, store and dispatcher (docs/benchmarks.md).
/// </summary>
internal static class RollbackReactionCommand
{
    private const string Endpoint = "reaction";

    /// <summary>What the node does today: the split journaled, the round and RollingBack in one transaction.</summary>
    private static readonly ReactionVariant Current = new("journal, 1 tx", DurableTraffic: false, TwoTransactions: false);

    /// <summary>With --compare, rollbacks cycle through these, so every variant sees the same machine load.</summary>
    private static readonly ReactionVariant[] Compared =
    [
        Current,
        new("fsync, 1 tx", DurableTraffic: true, TwoTransactions: false),
        new("journal, 2 tx", DurableTraffic: false, TwoTransactions: true),
        new("fsync, 2 tx (before)", DurableTraffic: true, TwoTransactions: true),
    ];

    public static Command Create()
    {
        var rollbacks = new Option<int>("--rollbacks") { Description = "Rollbacks measured (per variant with --compare).", DefaultValueFactory = _ => 200 };
        var warmup = new Option<int>("--warmup") { Description = "Rollbacks run first and not measured (JIT, pools, caches).", DefaultValueFactory = _ => 20 };
        var rps = new Option<int>("--rps") { Description = "Scoring requests per second sent to the endpoint meanwhile (0: none).", DefaultValueFactory = _ => 20 };
        var compare = new Option<bool>("--compare")
        {
            Description = "Alternate rollbacks between the current node and the levers undone: the local host fsyncing each traffic update before it answers, and the round and RollingBack stored in two transactions.",
        };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results to this JSON file." };
        var command = new Command("rollback-reaction", "Gate check crossing the failure limit → blue at 100% on the local endpoint, decision persisted (p50/p99).")
        {
            rollbacks, warmup, rps, compare, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            ReactionVariant[] variants = result.GetValue(compare) ? Compared : [Current];
            var results = await RunAsync(result.GetValue(rollbacks), result.GetValue(warmup), result.GetValue(rps), variants, output, cancellationToken);
            await JsonReport.WriteAsync(result.GetValue(json), results, output, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task<RollbackReactionResult> RunAsync(int rollbacks, int warmup, int rps, ReactionVariant[] variants, TextWriter output, CancellationToken cancellationToken)
    {
        var machine = MachineReport.Now();
        machine.Print(output);
        var marks = new RollbackMarks("blue");
        var profile = new StoreProfile();
        await using var node = await BenchNode.StartAsync(
            "reaction",
            services => services.AddTimedStore(profile, marks).AddObservedLocalTargets(marks).AddLocalMetrics(new FailingCandidateMetrics("green", marks)),
            cancellationToken: cancellationToken);
        var clock = node.Get<TimeProvider>();
        var store = node.Get<IRolloutStore>();
        var timedStore = (TimedStore)store;
        var gates = node.Get<GateRoundRunner>();
        var plan = CanarySeed.Parse(BenchPlans.Reaction(Endpoint), node.Get<IOptions<Plans.PlanOptions>>());

        // The host reads this per update; flipping it between rollbacks is a benchmark's liberty, not a supported setting.
        var hostOptions = node.Get<IOptions<LocalEndpointHostOptions>>().Value;

        // One real endpoint reused by every rollback: blue and green run as scoring processes behind its listener.
        var local = node.Get<LocalEndpointHost>();
        var endpoint = await local.EnsureEndpointAsync(Endpoint, cancellationToken: cancellationToken);
        await endpoint.PutDeploymentAsync("blue", plan.Baseline.Spec!, cancellationToken);
        await endpoint.PutDeploymentAsync("green", plan.Candidate.Spec, cancellationToken);
        await endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"), cancellationToken);
        await using var traffic = new ScoringTraffic(local, Endpoint, rps);
        var canary = DesiredState.DesiredEndpointState(plan, BenchPlans.CanaryStep);
        output.WriteLine($"endpoint {endpoint.ScoringUri}: blue and green running; {rps} requests/s; {warmup} warm-up + {rollbacks} measured rollbacks per variant");
        output.WriteLine($"variants, in turn: {string.Join("; ", variants.Select(v => v.Name))}");

        var reference = new MachineReference(node.Folder);
        reference.Calibrate();
        var samples = variants.ToDictionary(v => v, _ => new List<Sample>());
        for (var i = 0; i < (warmup + rollbacks) * variants.Length; i++)
        {
            var variant = variants[i % variants.Length];
            hostOptions.DurableTrafficUpdates = variant.DurableTraffic;
            timedStore.SplitRoundAndUpdate = variant.TwoTransactions;

            // Reset: the endpoint at the canary split, a rollout in its canary step with one failed round behind it.
            await endpoint.SetTrafficAsync(canary, cancellationToken);
            var id = await CanarySeed.InsertAsync(store, plan, BenchPlans.CanaryStep, clock, cancellationToken);
            await gates.CheckAsync(id, cancellationToken);
            await ExpectAsync(store, id, RolloutPhase.Canary, "after the first failed round (below the limit)", cancellationToken);

            marks.Reset();
            var start = Stopwatch.GetTimestamp();
            await gates.CheckAsync(id, cancellationToken);
            var end = Stopwatch.GetTimestamp();

            await ExpectAsync(store, id, RolloutPhase.RolledBack, "after the round that crossed the limit", cancellationToken);
            if (!endpoint.GetState().Traffic.Equals(TrafficSplit.AllTo("blue")))
            {
                throw new InvalidOperationException($"rollback {i}: the endpoint serves {endpoint.GetState().Traffic}, not blue=100");
            }

            if (i >= warmup * variants.Length)
            {
                reference.Sample();
                samples[variant].Add(new Sample(start, marks.LastQuery, marks.RollingBackStored, marks.RestoreRequested, marks.BaselineRestored, marks.RolledBackStored, end));
            }
        }

        var spans = Spans(samples[Current], "");
        foreach (var variant in variants.Where(v => v != Current))
        {
            // The headline spans and the two segments the levers act on.
            var compared = Spans(samples[variant], "");
            foreach (var name in new[] { "crossingEvaluationToBlueApplied", "checkStartToBlueApplied", "2 record round, decide, store RollingBack", "4 local host update" })
            {
                spans[$"[{variant.Name}] {name}"] = compared[name];
            }
        }

        spans["reference: ~1 ms CPU unit (same run)"] = reference.Cpu;
        spans["reference: fsync of 1 KiB (same run)"] = reference.Fsync;
        var result = new RollbackReactionResult(machine, rollbacks, rps, spans, profile.TakeSnapshot(), traffic.Sent, traffic.Failed, MachineReport.LoadAverageNow());
        result.Print(output);
        return result;
    }

    private static Dictionary<string, Distribution> Spans(List<Sample> samples, string prefix) => new()
    {
        [$"{prefix}checkStartToBlueApplied"] = Distribution.Of(samples.Select(s => Ms(s.Start, s.Restored))),
        [$"{prefix}crossingEvaluationToBlueApplied"] = Distribution.Of(samples.Select(s => Ms(s.Measured, s.Restored))),
        [$"{prefix}checkStartToRolledBackStored"] = Distribution.Of(samples.Select(s => Ms(s.Start, s.RolledBack))),
        [$"{prefix}1 load rollout + query metrics"] = Distribution.Of(samples.Select(s => Ms(s.Start, s.Measured))),
        [$"{prefix}2 record round, decide, store RollingBack"] = Distribution.Of(samples.Select(s => Ms(s.Measured, s.RollingBack))),
        [$"{prefix}3 reload, read endpoint state"] = Distribution.Of(samples.Select(s => Ms(s.RollingBack, s.Requested))),
        [$"{prefix}4 local host update"] = Distribution.Of(samples.Select(s => Ms(s.Requested, s.Restored))),
        [$"{prefix}5 store RolledBack"] = Distribution.Of(samples.Select(s => Ms(s.Restored, s.RolledBack))),
    };

    private static async Task ExpectAsync(IRolloutStore store, Guid id, RolloutPhase expected, string when, CancellationToken cancellationToken)
    {
        var rollout = await store.GetAsync(id, cancellationToken);
        if (rollout?.Phase != expected)
        {
            throw new InvalidOperationException($"rollout {id} is {rollout?.Phase.ToString() ?? "missing"} {when}, expected {expected}: {rollout?.RollbackReason ?? rollout?.FailureReason}");
        }
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private sealed record Sample(long Start, long Measured, long RollingBack, long Requested, long Restored, long RolledBack, long End);
}
