using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

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

    /// <summary>The node's data folder (database, local endpoints).</summary>
    public static Option<DirectoryInfo> Data() => new("--data")
    {
        Description = "Folder for the database and the local endpoints' state. Default: ./data.",
        HelpName = "dir",
        DefaultValueFactory = _ => new DirectoryInfo("data"),
    };

    /// <summary>
    /// A custom parser for whole-number options that names the option and the value it could not read
    /// (<c>--limit: 'abc' is not a whole number</c>); System.CommandLine's own message names .NET types instead.
    /// </summary>
    public static int? WholeNumber(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var token = result.Tokens[^1].Value;
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        result.AddError($"{name}: '{token}' is not a whole number");
        return null;
    }
}
