using System.CommandLine;
using Orchestrator.Benchmarks.Reaction;
using Orchestrator.Benchmarks.Scale;

namespace Orchestrator.Benchmarks;

/// <summary>The orchestrator's benchmarks: one verb each (bench/README.md, docs/benchmarks.md).</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Benchmarks of the rollout orchestrator: rollback reaction and scale.")
        {
            RollbackReactionCommand.Create(),
            FaultToBlueCommand.Create(),
            ScaleCommand.Create(),
            CheckCostCommand.Create(),
        };
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A benchmark that cannot complete says why in one line; its numbers would mean nothing.
            await Console.Error.WriteLineAsync($"benchmark failed: {e.Message} ({e.GetType().Name})");
            return 1;
        }
    }
}
