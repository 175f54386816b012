using System.CommandLine;

namespace Orchestrator.Cli;

/// <summary>Options several verbs share, so each verb file declares them the same way.</summary>
internal static class CliOptions
{
    /// <summary><c>--policies &lt;dir&gt;</c>: where named gate policies are found; default: <c>policies/</c> next to the executable.</summary>
    public static Option<DirectoryInfo> Policies() => new("--policies")
    {
        Description = "Folder of named gate policies (<name>.yaml). Default: the policies folder next to the executable.",
        HelpName = "dir",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "policies")),
    };
}
