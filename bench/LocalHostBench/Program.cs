using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Endpoints;
using Orchestrator.Plans;
using Orchestrator.Targets.Local;

namespace LocalHostBench;

/// <summary>
/// Measures what the local endpoint host adds: the same scoring request sent straight to a deployment's process,
/// then through the endpoint (key check, routing, measurement, forwarding), at concurrency 1, 8 and 32.
/// Usage: <c>dotnet run -c Release --project bench/LocalHostBench [-- --seconds 10 --rounds 2]</c>.
/// Prints a markdown table for docs/benchmarks.md.
/// </summary>
public static class Program
{
    private const string SampleRequest = """{"data": [[1,2,3,4,5,6,7,8,9,10],[10,9,8,7,6,5,4,3,2,1]]}""";

    public static async Task<int> Main(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var rounds = Option(args, "--rounds", 2);
        var data = Path.Combine(Path.GetTempPath(), $"local-host-bench-{Guid.NewGuid():N}");
        var options = Options.Create(new LocalEndpointHostOptions { DataDirectory = data });
        await using var host = new LocalEndpointHost(options, TimeProvider.System, NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);
        try
        {
            var endpoint = await host.EnsureEndpointAsync("bench");
            await endpoint.PutDeploymentAsync("blue", DeploymentSpec.ForModel(Path.Combine(AppContext.BaseDirectory, "samples", "models", "model-1.json")));
            await endpoint.SetTrafficAsync(TrafficSplit.AllTo("blue"));
            var direct = new Uri(endpoint.GetInstances("blue").Single().Address!, "score");

            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
            Console.WriteLine($"Local endpoint host benchmark: {seconds} s per run, {rounds} rounds (direct and host alternate), model-1, 1 instance");
            Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
            Console.WriteLine();
            Console.WriteLine("| concurrency | direct p50 ms | host p50 ms | added p50 ms | direct p99 ms | host p99 ms | added p99 ms | direct req/s | host req/s | host / direct |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

            // Warm-up: JIT, connection pools, tiered compilation in both processes.
            await LoadRun.RunAsync(client, direct, null, SampleRequest, 8, TimeSpan.FromSeconds(3));
            await LoadRun.RunAsync(client, endpoint.ScoringUri, endpoint.Keys.PrimaryKey, SampleRequest, 8, TimeSpan.FromSeconds(3));

            foreach (var concurrency in (int[])[1, 8, 32])
            {
                var directRuns = new List<(double[] Latencies, double Throughput, int Failures)>();
                var hostRuns = new List<(double[] Latencies, double Throughput, int Failures)>();
                for (var round = 0; round < rounds; round++)
                {
                    directRuns.Add(await LoadRun.RunAsync(client, direct, null, SampleRequest, concurrency, TimeSpan.FromSeconds(seconds)));
                    hostRuns.Add(await LoadRun.RunAsync(client, endpoint.ScoringUri, endpoint.Keys.PrimaryKey, SampleRequest, concurrency, TimeSpan.FromSeconds(seconds)));
                }

                Report(concurrency, directRuns, hostRuns);
            }

            return 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            Directory.Delete(data, recursive: true);
        }
    }

    private static void Report(int concurrency, List<(double[] Latencies, double Throughput, int Failures)> direct, List<(double[] Latencies, double Throughput, int Failures)> host)
    {
        var d = direct.SelectMany(r => r.Latencies).Order().ToArray();
        var h = host.SelectMany(r => r.Latencies).Order().ToArray();
        var (dp50, hp50) = (LoadRun.Percentile(d, 0.5), LoadRun.Percentile(h, 0.5));
        var (dp99, hp99) = (LoadRun.Percentile(d, 0.99), LoadRun.Percentile(h, 0.99));
        var (dt, ht) = (direct.Average(r => r.Throughput), host.Average(r => r.Throughput));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {concurrency} | {dp50:F3} | {hp50:F3} | {hp50 - dp50:F3} | {dp99:F3} | {hp99:F3} | {hp99 - dp99:F3} | {dt:F0} | {ht:F0} | {ht / dt:P0} |"));
        var failures = direct.Sum(r => r.Failures) + host.Sum(r => r.Failures);
        if (failures > 0)
        {
            Console.WriteLine($"({failures} requests failed at concurrency {concurrency})");
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
