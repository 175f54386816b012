using System.Globalization;
using System.Runtime.InteropServices;

namespace LocalHostBench;

/// <summary>
/// Measures what the local endpoint host adds: the same scoring request sent straight to a deployment's process,
/// then through the endpoint (key check, routing, measurement, forwarding), at concurrency 1, 8 and 32, with the
/// CPU time each request costs the load generator, the host and the scoring process.
/// Usage: <c>dotnet run -c Release --project bench/LocalHostBench [-- --seconds 10 --rounds 2]</c>; the
/// <c>first-requests</c> verb measures a fresh deployment's first requests instead (<see cref="FirstRequests"/>).
/// Prints markdown tables for docs/benchmarks.md.
/// </summary>
public static class Program
{
    private const string SampleRequest = """{"data": [[1,2,3,4,5,6,7,8,9,10],[10,9,8,7,6,5,4,3,2,1]]}""";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "first-requests")
        {
            await using var fresh = await BenchHost.StartAsync();
            return await FirstRequests.RunAsync(fresh, Option(args, "--runs", 8), Option(args, "--first", 20), Option(args, "--steady", 200));
        }

        var seconds = Option(args, "--seconds", 10);
        var duration = TimeSpan.FromSeconds(seconds);
        var rounds = Option(args, "--rounds", 2);
        await using var host = await BenchHost.StartAsync();

        // Direct: a client calling the scoring process the way it would without the host, over loopback TCP.
        var direct = new Uri(host.Instance.Address!, "score");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        Console.WriteLine($"Local endpoint host benchmark: {seconds} s per run, {rounds} rounds (direct and host alternate), model-1, 1 instance");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");

        // Warm-up: JIT, connection pools, tiered compilation in both processes.
        await LoadRun.RunAsync(client, direct, null, SampleRequest, 8, TimeSpan.FromSeconds(3));
        await host.RunAsync(client, SampleRequest, 8, TimeSpan.FromSeconds(3));

        var results = new List<(int Concurrency, RunSet Direct, RunSet Host)>();
        foreach (var concurrency in (int[])[1, 8, 32])
        {
            var (directRuns, hostRuns) = (new RunSet(host.Scoring), new RunSet(host.Scoring));
            for (var round = 0; round < rounds; round++)
            {
                await directRuns.AddAsync(() => LoadRun.RunAsync(client, direct, null, SampleRequest, concurrency, duration));
                await hostRuns.AddAsync(() => host.RunAsync(client, SampleRequest, concurrency, duration));
            }

            results.Add((concurrency, directRuns, hostRuns));
        }

        Console.WriteLine();
        Console.WriteLine("| concurrency | direct p50 ms | host p50 ms | added p50 ms | direct p99 ms | host p99 ms | added p99 ms | direct req/s | host req/s | host / direct |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (concurrency, d, h) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | {d.P50:F3} | {h.P50:F3} | {h.P50 - d.P50:F3} | {d.P99:F3} | {h.P99:F3} | {h.P99 - d.P99:F3} | {d.Throughput:F0} | {h.Throughput:F0} | {h.Throughput / d.Throughput:P0} |"));
        }

        // CPU time per request is steadier than throughput on a shared machine: other processes slow every run, but
        // hardly change what one request costs. The bench process is the load generator, plus the host in host
        // runs, so the difference is the host's own cost. On a CPU-bound machine, direct total / host total is
        // about the throughput ratio the host can reach.
        Console.WriteLine();
        Console.WriteLine("CPU time (µs) and allocations (bytes) per request (bench process = load generator, plus the host in host runs):");
        Console.WriteLine();
        Console.WriteLine("| concurrency | direct: bench | direct: scoring | host: bench | host: scoring | host's own | direct total / host total | direct: bench bytes | host: bench bytes | host's own bytes |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (concurrency, d, h) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | {d.Cpu.OwnPerRequestUs:F1} | {d.Cpu.ScoringPerRequestUs:F1} | {h.Cpu.OwnPerRequestUs:F1} | {h.Cpu.ScoringPerRequestUs:F1} | {h.Cpu.OwnPerRequestUs - d.Cpu.OwnPerRequestUs:F1} | {d.Cpu.TotalPerRequestUs / h.Cpu.TotalPerRequestUs:P0} | {d.Cpu.OwnAllocatedPerRequest:F0} | {h.Cpu.OwnAllocatedPerRequest:F0} | {h.Cpu.OwnAllocatedPerRequest - d.Cpu.OwnAllocatedPerRequest:F0} |"));
        }

        var failures = results.Sum(r => r.Direct.Failures + r.Host.Failures);
        if (failures > 0)
        {
            Console.WriteLine($"({failures} requests failed)");
        }

        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
