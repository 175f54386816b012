namespace Orchestrator;

/// <summary>The orchestrator's command line (verbs are added per feature).</summary>
public static partial class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return 0;
    }
}
