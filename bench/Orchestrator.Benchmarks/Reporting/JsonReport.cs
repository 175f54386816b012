using System.Text.Json;

namespace Orchestrator.Benchmarks.Reporting;

/// <summary>Writes a benchmark's results as one JSON file (for docs/benchmarks.md and for comparing runs).</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes <paramref name="results"/> to <paramref name="file"/> when one is given.</summary>
    public static async Task WriteAsync(FileInfo? file, object results, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (file is null)
        {
            return;
        }

        file.Directory?.Create();
        await using var stream = file.Create();
        await JsonSerializer.SerializeAsync(stream, results, results.GetType(), Options, cancellationToken);
        await output.WriteLineAsync($"results written to {file.FullName}");
    }
}
