using System.Diagnostics;
using System.Net.Http.Headers;

namespace LocalHostBench;

/// <summary>A closed-loop load run: <c>concurrency</c> callers, each sending its next request when the last one answers.</summary>
internal static class LoadRun
{
    /// <summary>Sends requests for <paramref name="duration"/>; returns every latency (ms, sorted) and the throughput (requests/s).</summary>
    public static async Task<(double[] LatenciesMs, double Throughput, int Failures)> RunAsync(HttpClient client, Uri uri, string? key, string body, int concurrency, TimeSpan duration)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async caller =>
        {
            var mine = latencies[caller] = new List<double>();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                if (key is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }

                var sent = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request).ConfigureAwait(false);
                _ = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ConfigureAwait(false);

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all, all.Length / elapsed, failures);
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
