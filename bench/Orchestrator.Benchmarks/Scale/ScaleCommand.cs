using System.CommandLine;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Benchmarks.Hosting;
using Orchestrator.Benchmarks.Probes;
using Orchestrator.Benchmarks.Reporting;
using Orchestrator.Dispatching;
using Orchestrator.Execution;
using Orchestrator.Features.Rollouts.SubmitRollout;
using Orchestrator.Rollouts;
using Worker;

namespace Orchestrator.Benchmarks.Scale;

/// <summary>
/// <c>scale</c>: ramps up concurrent active rollouts (each baking a canary with a 30 s gate interval) on one real
/// node — the gate-check sweeper and Quartz (ticks) on the SQLite file, the real rollout store and dispatcher — with an instant target and
/// metric source, and measures gate-check lag, CPU and memory at each step (docs/benchmarks.md).
/// </summary>
internal static class ScaleCommand
{
    private static readonly TimeSpan GateInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(20);

    public static Command Create()
    {
        var steps = new Option<int[]>("--steps")
        {
            Description = "Active rollouts at each step of the ramp.",
            DefaultValueFactory = _ => [1000, 2500, 5000, 10000],
            AllowMultipleArgumentsPerToken = true,
        };
        var window = new Option<int>("--window") { Description = "Seconds measured at each step, once the ramp has settled.", DefaultValueFactory = _ => 90 };
        var submitters = new Option<int>("--submitters") { Description = "Concurrent submitters during the ramp.", DefaultValueFactory = _ => 4 };
        var threads = new Option<int?>("--threads") { Description = "Quartz worker threads, which run the ticks (default: the node's default)." };
        var gateConcurrency = new Option<int?>("--gate-concurrency") { Description = "Gate checks the sweeper runs at once (Worker:GateCheckConcurrency; default: the node's default)." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results to this JSON file." };
        var command = new Command("scale", "Concurrent active rollouts on one node (30 s gate interval): gate-check lag p50/p99, CPU and memory per step.")
        {
            steps, window, submitters, threads, gateConcurrency, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var settings = new Settings(result.GetValue(steps)!, TimeSpan.FromSeconds(result.GetValue(window)), result.GetValue(submitters), result.GetValue(threads));

            // HeadlessNode reads the worker settings from ORCHESTRATOR_* variables.
            Environment.SetEnvironmentVariable("ORCHESTRATOR_Orchestrator__Worker__GateCheckConcurrency", result.GetValue(gateConcurrency)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var results = await RunAsync(settings, output, cancellationToken);
            await JsonReport.WriteAsync(result.GetValue(json), results, output, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task<ScaleResult> RunAsync(Settings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var machine = MachineReport.Now();
        machine.Print(output);
        var profile = new StoreProfile();
        var targets = new InstantTargets();
        await using var node = await BenchNode.StartAsync(
            "scale",
            services =>
            {
                services.AddTimedStore(profile).AddLocalTargets(targets).AddLocalMetrics(new HealthyMetrics());
                services.AddSingleton(sp => new LagProbe(sp.GetRequiredService<RolloutJobHandlers>(), sp.GetRequiredService<RolloutJobHandlers>(), sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IRolloutTicker>(sp => sp.GetRequiredService<LagProbe>());
                services.AddSingleton<IGateChecker>(sp => sp.GetRequiredService<LagProbe>());
            },
            settings.Threads,
            cancellationToken);
        var probe = node.Get<LagProbe>();
        node.Idle = () => probe.InFlight == 0;
        var sender = node.Get<ISender>();
        var idle = MemorySnapshot.Take();
        output.WriteLine($"node idle: working set {idle.WorkingSetMiB:0} MiB, live managed {idle.LiveManagedMiB:0} MiB; Quartz threads {settings.Threads?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}; gate-check concurrency {Environment.GetEnvironmentVariable("ORCHESTRATOR_Orchestrator__Worker__GateCheckConcurrency") ?? "default"}; window {settings.Window.TotalSeconds:0} s per step");
        output.WriteLine(ScaleStep.Header);

        var steps = new List<ScaleStep>();
        var submitted = 0;
        foreach (var target in settings.Steps.Order())
        {
            var rampStarted = Stopwatch.GetTimestamp();
            await SubmitAsync(sender, submitted, target, settings.Submitters, cancellationToken);
            var ramp = Stopwatch.GetElapsedTime(rampStarted);
            var added = target - submitted;
            submitted = target;
            var settle = await WaitForCanaryAsync(node.DatabasePath, target, output, cancellationToken);

            // One more interval, so that every rollout's next check is due from a steady-state check.
            await Task.Delay(GateInterval, cancellationToken);
            profile.TakeSnapshot();
            var ticks = probe.Ticks;
            var errors = probe.Errors;
            var cpu = ProcessorTime();
            var started = Stopwatch.GetTimestamp();
            probe.BeginWindow();
            await Task.Delay(settings.Window, cancellationToken);
            var samples = probe.EndWindow();
            var window = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuPercent = 100 * (ProcessorTime() - cpu).TotalSeconds / (window * Environment.ProcessorCount);
            var calls = profile.TakeSnapshot();
            var step = new ScaleStep(
                target,
                ramp.TotalSeconds,
                added / ramp.TotalSeconds,
                settle.TotalSeconds,
                window,
                Distribution.Of(samples.Select(s => s.LagMs)),
                Distribution.Of(samples.Select(s => s.CheckMs)),
                samples.Count / window,
                probe.Ticks - ticks,
                probe.Errors - errors,
                cpuPercent,
                MemorySnapshot.Take(),
                node.DatabaseBytes() / (1024.0 * 1024),
                await PhasesAsync(node.DatabasePath, cancellationToken),
                calls);
            steps.Add(step);
            output.WriteLine(step.Row);
            output.WriteLine($"         store per check: {step.StoreBreakdown(samples.Count)}; ticks {step.TicksInWindow}, errors {step.HandlerErrors}; settled in {settle.TotalSeconds:0} s: {Describe(step.Phases)}; load {MachineReport.LoadAverageNow()}");
        }

        // What the in-process fake platform itself held (a real platform keeps it outside the service).
        var withTargets = GC.GetTotalMemory(forceFullCollection: true);
        targets.Clear();
        var fakeTargetsMiB = (withTargets - GC.GetTotalMemory(forceFullCollection: true)) / (1024.0 * 1024);

        var result = new ScaleResult(machine, settings.Threads, settings.Window.TotalSeconds, idle, steps, fakeTargetsMiB, MachineReport.LoadAverageNow());
        result.Print(output);
        return result;
    }

    private static async Task SubmitAsync(ISender sender, int from, int to, int submitters, CancellationToken cancellationToken)
    {
        var actor = new Actor("bench", ActorRole.ReleaseManager, CommandSource.Cli);
        var next = new StrongBox<int>(from);
        async Task SubmitLoopAsync()
        {
            for (var i = Interlocked.Increment(ref next.Value); i <= to; i = Interlocked.Increment(ref next.Value))
            {
                await sender.SendAsync(new SubmitRolloutCommand(BenchPlans.Scale($"scale-{i:D5}"), actor), cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, submitters)).Select(_ => Task.Run(SubmitLoopAsync, cancellationToken)));
    }

    /// <summary>Waits until every rollout bakes its canary (the steady state whose gate checks are measured).</summary>
    private static async Task<TimeSpan> WaitForCanaryAsync(string database, int expected, TextWriter output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var reported = started;
        while (true)
        {
            var phases = await PhasesAsync(database, cancellationToken);
            var canary = phases.GetValueOrDefault(nameof(RolloutPhase.Canary));
            if (canary >= expected)
            {
                return Stopwatch.GetElapsedTime(started);
            }

            if (Stopwatch.GetElapsedTime(started) > SettleTimeout)
            {
                // Saturated: the ticks that bring new rollouts to their canary queue behind the checks. Measure anyway.
                output.WriteLine($"         not settled after {SettleTimeout.TotalMinutes:0} min ({Describe(phases)}); measuring as it is");
                return Stopwatch.GetElapsedTime(started);
            }

            if (Stopwatch.GetElapsedTime(reported) > TimeSpan.FromSeconds(30))
            {
                reported = Stopwatch.GetTimestamp();
                output.WriteLine($"         settling: {Describe(phases)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    private static async Task<IReadOnlyDictionary<string, int>> PhasesAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT phase, COUNT(*) FROM rollouts GROUP BY phase";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var phases = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            phases[reader.GetString(0)] = reader.GetInt32(1);
        }

        return phases;
    }

    private static string Describe(IReadOnlyDictionary<string, int> phases) => string.Join(", ", phases.Select(p => $"{p.Key} {p.Value}"));

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private sealed record Settings(int[] Steps, TimeSpan Window, int Submitters, int? Threads);
}
