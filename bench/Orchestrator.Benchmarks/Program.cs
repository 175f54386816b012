using System.CommandLine;
using Orchestrator.Benchmarks.Reaction;
using Orchestrator.Benchmarks.Scale;

namespace Orchestrator.Benchmarks;

/// <summary>The orchestrator's benchmarks: one verb each (bench/README.md, docs/benchmarks.md).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Benchmarks of the rollout orchestrator: rollback reaction and scale.")
        {
            RollbackReactionCommand.Create(),
            FaultToBlueCommand.Create(),
            ScaleCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
