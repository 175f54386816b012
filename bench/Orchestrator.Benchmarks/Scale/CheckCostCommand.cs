using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orchestrator.Benchmarks.Hosting;
using Orchestrator.Benchmarks.Probes;
using Orchestrator.Benchmarks.Reaction;
using Orchestrator.Benchmarks.Reporting;
using Orchestrator.Execution;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Policies.Gates;

namespace Orchestrator.Benchmarks.Scale;

/// <summary>
/// <c>check-cost</c>: what one gate check costs the node without Quartz and without contention — the stored plan's
/// JSON read, the store calls, and the whole check as the step's gate history grows (one round per interval).
/// </summary>
internal static class CheckCostCommand
{
    public static Command Create()
    {
        var history = new Option<int[]>("--history")
        {
            Description = "Rounds already recorded in the step before measuring (30 s interval: 120 = 1 h, 720 = 6 h, 2880 = 24 h).",
            DefaultValueFactory = _ => [0, 120, 720, 2880],
            AllowMultipleArgumentsPerToken = true,
        };
        var checks = new Option<int>("--checks") { Description = "Checks timed at each history size (each adds a round, so keep it small next to the history).", DefaultValueFactory = _ => 60 };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results to this JSON file." };
        var command = new Command("check-cost", "One gate check's cost alone (no Quartz, no contention): plan JSON, store calls, and the check as the gate history grows.")
        {
            history, checks, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var results = await RunAsync(result.GetValue(history)!, result.GetValue(checks), output, cancellationToken);
            await JsonReport.WriteAsync(result.GetValue(json), results, output, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task<CheckCostResult> RunAsync(int[] historySizes, int checks, TextWriter output, CancellationToken cancellationToken)
    {
        var machine = MachineReport.Now();
        machine.Print(output);
        var profile = new StoreProfile();
        await using var node = await BenchNode.StartAsync(
            "check-cost",
            services => services.AddTimedStore(profile).AddLocalTargets(new InstantTargets()).AddLocalMetrics(new HealthyMetrics()),
            cancellationToken: cancellationToken);
        var clock = node.Get<TimeProvider>();
        var store = node.Get<IRolloutStore>();
        var gates = node.Get<GateRoundRunner>();
        var planOptions = node.Get<IOptions<PlanOptions>>();
        var plan = CanarySeed.Parse(BenchPlans.Scale("check-cost"), planOptions);

        var planJson = JsonSerializer.Serialize(plan, StoredJson.Options);
        var deserialize = Distribution.Of(Enumerable.Range(0, 2000).Select(i =>
        {
            var start = Stopwatch.GetTimestamp();
            _ = JsonSerializer.Deserialize<RolloutPlan>(planJson, StoredJson.Options);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).Skip(200));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored plan: {planJson.Length} chars of JSON; deserialize p50 {deserialize.P50 * 1000:0} µs, p99 {deserialize.P99 * 1000:0} µs"));
        output.WriteLine($"{"rounds in step",14} {"check p50",10} {"check p99",10} {"GetAsync",9} {"GetRounds",10} {"Append",8}  (ms)");

        var rows = new List<CheckCostRow>();
        foreach (var size in historySizes.Order())
        {
            // A fresh rollout (on its own endpoint) per size, its step history written directly.
            var id = await CanarySeed.InsertAsync(store, CanarySeed.Parse(BenchPlans.Scale($"check-cost-{size}"), planOptions), BenchPlans.CanaryStep, clock, cancellationToken);
            var rollout = (await store.GetAsync(id, cancellationToken))!;
            await SeedHistoryAsync(store, rollout.Id, rollout.StepStartedAt, plan.Policy, size, cancellationToken);
            await gates.CheckAsync(id, cancellationToken);
            profile.TakeSnapshot();
            var times = new List<double>(checks);
            for (var i = 0; i < checks; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await gates.CheckAsync(id, cancellationToken);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            var calls = profile.TakeSnapshot().ToDictionary(c => c.Method, c => c.MeanMs, StringComparer.Ordinal);
            var row = new CheckCostRow(size, Distribution.Of(times), calls.GetValueOrDefault("GetAsync"), calls.GetValueOrDefault("GetDecidingGateRoundsAsync"), calls.GetValueOrDefault("AppendGateRoundAsync"));
            rows.Add(row);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{row.RoundsInStep,14} {row.Check.P50,10:0.00} {row.Check.P99,10:0.00} {row.GetAsyncMs,9:0.00} {row.GetGateRoundsMs,10:0.00} {row.AppendGateRoundMs,8:0.00}"));
        }

        return new CheckCostResult(machine, planJson.Length, deserialize, rows, MachineReport.LoadAverageNow());
    }

    /// <summary>Writes <paramref name="rounds"/> passing rounds into the step, as the gate job would have over a long bake.</summary>
    private static async Task SeedHistoryAsync(IRolloutStore store, Guid id, DateTimeOffset stepStartedAt, GatePolicy policy, int rounds, CancellationToken cancellationToken)
    {
        for (var i = 0; i < rounds; i++)
        {
            // Rounds are stamped from the step's start onwards, 1 ms apart, so every one belongs to the step.
            var at = stepStartedAt + TimeSpan.FromMilliseconds(i);
            var evaluations = policy.Gates.Select(g => new GateEvaluation(g.Name, g.Metric, GateVerdict.Pass, 60, 0, g.Threshold.Value, 600, at - g.Window, at, "seeded")).ToList();
            await store.AppendGateRoundAsync(id, BenchPlans.CanaryStep, new GateRound(at, evaluations), cancellationToken);
        }
    }
}

/// <summary>The check's cost at one history size (ms).</summary>
internal sealed record CheckCostRow(int RoundsInStep, Distribution Check, double GetAsyncMs, double GetGateRoundsMs, double AppendGateRoundMs);

/// <summary>The check-cost results.</summary>
internal sealed record CheckCostResult(MachineReport Machine, int PlanJsonChars, Distribution PlanDeserializeMs, IReadOnlyList<CheckCostRow> Rows, string LoadAverageAfter);
