using Orchestrator.Rollouts;

namespace Orchestrator.Rollouts.Tests;

/// <summary>Keeps docs/rollout-states.md in step with the table: its mermaid block must be exactly <see cref="RolloutStateMachine.ToMermaid"/>.</summary>
public class RolloutStatesDocTests
{
    private const string Fence = "```mermaid\n";
    private const string Regenerate =
        "UPDATE_DOCS=1 dotnet test tests/Orchestrator.Tests --filter FullyQualifiedName~RolloutStatesDocTests";

    [Fact]
    public void RolloutStatesDoc_MermaidBlock_MatchesTheTable()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "rollout-states.md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = text.IndexOf(Fence, StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf("```", start + Fence.Length, StringComparison.Ordinal);
        Assert.True(end > start, $"{path} has no ```mermaid block; add one, then run: {Regenerate}");

        var documented = text[(start + Fence.Length)..end];
        var generated = RolloutStateMachine.ToMermaid();
        if (documented != generated && Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..(start + Fence.Length)] + generated + text[end..]);
            return;
        }

        Assert.True(
            documented == generated,
            $"docs/rollout-states.md differs from RolloutStateMachine.ToMermaid(); the table is the source of truth. Regenerate with: {Regenerate}");
    }

    [Fact]
    public void ToMermaid_EveryTransition_IsOneLabelledEdge()
    {
        var lines = RolloutStateMachine.ToMermaid().Split('\n');

        Assert.Equal("stateDiagram-v2", lines[0]);
        Assert.Contains("    Canary --> RollingBack : GateFailed", lines);
        Assert.Contains("    Paused --> Canary : Resume [paused from Canary]", lines);
        Assert.Contains("    Succeeded --> [*]", lines);
        Assert.Equal(RolloutStateMachine.Table.Count, lines.Count(l => l.Contains(" : ", StringComparison.Ordinal)));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }
}
