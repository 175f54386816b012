using System.Diagnostics;

namespace LocalHostBench;

/// <summary>The rounds of one configuration at one concurrency: latencies pooled, throughput averaged, CPU time summed.</summary>
internal sealed class RunSet(Process scoring)
{
    private readonly List<(double[] Latencies, double Throughput, int Failures)> _runs = [];
    private double[]? _sorted;

    public CpuMeter Cpu { get; } = new(scoring);

    public double P50 => LoadRun.Percentile(Sorted, 0.5);

    public double P99 => LoadRun.Percentile(Sorted, 0.99);

    public double Throughput => _runs.Average(r => r.Throughput);

    public int Failures => _runs.Sum(r => r.Failures);

    private double[] Sorted => _sorted ??= [.. _runs.SelectMany(r => r.Latencies).Order()];

    public async Task AddAsync(Func<Task<(double[] Latencies, double Throughput, int Failures)>> run)
    {
        _runs.Add(await Cpu.MeasureAsync(run).ConfigureAwait(false));
        _sorted = null;
    }
}
