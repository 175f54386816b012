using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Orchestrator.Plans;
using ScoringServer;

namespace LocalHostBench;

/// <summary>
/// The <c>first-requests</c> verb: how slow a fresh deployment's first requests are through the host, cold (warm-up
/// off: <c>SCORING_WARMUP_REQUESTS=0</c>, as before the scoring server warmed itself) against warm (the default),
/// alternating run by run so both see the same machine load. Each run puts a new deployment beside the warm blue,
/// sends it <c>--first</c> requests one at a time (pinned with <c>azureml-model-deployment</c>, through the endpoint
/// as a gate measures them), then <c>--steady</c> more for its steady state, and deletes it.
/// Usage: <c>dotnet run -c Release --project bench/LocalHostBench -- first-requests [--runs 8 --first 20 --steady 200]</c>.
/// </summary>
internal static class FirstRequests
{
    private const string SampleRequest = """{"data": [[1,2,3,4,5,6,7,8,9,10],[10,9,8,7,6,5,4,3,2,1]]}""";

    public static async Task<int> RunAsync(BenchHost host, int runs, int first, int steady)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        var model = Path.Combine(AppContext.BaseDirectory, "samples", "models", "model-2.json");
        Console.WriteLine($"First requests of a fresh deployment through the host: {runs} runs per mode (alternating), {first} first requests, {steady} steady, one at a time, model-2, 1 instance");

        // The client's connection to the endpoint and the host's own code are warm before the first run: only the
        // fresh deployment's process is cold.
        for (var i = 0; i < 200; i++)
        {
            await SendAsync(client, host, "blue");
        }

        var results = new Dictionary<bool, List<Run>> { [false] = [], [true] = [] };
        for (var run = 0; run < runs * 2; run++)
        {
            var warm = run % 2 == 1;
            var name = $"fresh-{run}";
            var environment = new Dictionary<string, string> { [ScoringProtocol.WarmUpRequestsVariable] = warm ? ScoringProtocol.DefaultWarmUpRequests.ToString(CultureInfo.InvariantCulture) : "0" };
            var started = Stopwatch.GetTimestamp();
            await host.Endpoint.PutDeploymentAsync(name, DeploymentSpec.ForModel(model) with { EnvironmentVariables = environment });
            var ready = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            var firsts = new double[first];
            for (var i = 0; i < first; i++)
            {
                firsts[i] = await SendAsync(client, host, name);
            }

            var steadies = new double[steady];
            for (var i = 0; i < steady; i++)
            {
                steadies[i] = await SendAsync(client, host, name);
            }

            await host.Endpoint.DeleteDeploymentAsync(name);
            results[warm].Add(new Run(ready, firsts, [.. steadies.Order()]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run + 1,2} {(warm ? "warm" : "cold")}: ready after {ready:F0} ms, first {firsts[0]:F1} ms, first 5 max {firsts.Take(5).Max():F1} ms, steady p50 {LoadRun.Percentile(steadies.Order().ToArray(), 0.5):F2} ms"));
        }

        Console.WriteLine();
        Console.WriteLine($"| mode | ready p50 ms | 1st request p50 ms | 1st max ms | requests 1-5 p50 ms | 1-5 max ms | requests 1-{first} p50 ms | 1-{first} max ms | steady p50 ms | steady p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (warm, list) in results.OrderBy(r => r.Key))
        {
            var readies = Sorted(list.Select(r => r.ReadyMs));
            var ones = Sorted(list.Select(r => r.FirstMs[0]));
            var fives = Sorted(list.SelectMany(r => r.FirstMs.Take(5)));
            var all = Sorted(list.SelectMany(r => r.FirstMs));
            var steadies = Sorted(list.SelectMany(r => r.SteadyMs));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(warm ? "warm (warm-up on)" : "cold (warm-up off)")} | {P(readies, 0.5):F0} | {P(ones, 0.5):F1} | {ones[^1]:F1} | {P(fives, 0.5):F2} | {fives[^1]:F1} | {P(all, 0.5):F2} | {all[^1]:F1} | {P(steadies, 0.5):F2} | {P(steadies, 0.99):F2} |"));
        }

        return 0;
    }

    private static double[] Sorted(IEnumerable<double> values) => [.. values.Order()];

    private static double P(double[] sorted, double quantile) => LoadRun.Percentile(sorted, quantile);

    private static async Task<double> SendAsync(HttpClient client, BenchHost host, string deployment)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Endpoint.ScoringUri) { Content = new StringContent(SampleRequest, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Endpoint.Keys.PrimaryKey);
        request.Headers.Add("azureml-model-deployment", deployment);
        var sent = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        _ = await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{deployment} answered {(int)response.StatusCode}");
        }

        return elapsed;
    }

    private sealed record Run(double ReadyMs, double[] FirstMs, double[] SteadyMs);
}
