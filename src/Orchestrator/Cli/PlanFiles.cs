using Orchestrator.Plans;

namespace Orchestrator.Cli;

/// <summary>Reading a plan file and printing plan errors, the same way for every verb.</summary>
internal static class PlanFiles
{
    /// <summary>Reads the file, or prints one line saying why not.</summary>
    public static bool TryRead(FileInfo file, TextWriter error, out string text)
    {
        if (Directory.Exists(file.FullName))
        {
            // Reading a folder fails with "access denied" on Linux, which sends users after permissions.
            error.WriteLine($"error: {file.FullName} is a folder; give a plan file (YAML or JSON), e.g. examples/local-default.yaml");
            text = "";
            return false;
        }

        try
        {
            text = File.ReadAllText(file.FullName);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: plan file not found: {file.FullName}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read {file.FullName}: {ex.Message}");
        }

        text = "";
        return false;
    }

    /// <summary>One line per problem: <c>path: reason</c>.</summary>
    public static void PrintErrors(IEnumerable<PlanError> errors, TextWriter error)
    {
        foreach (var problem in errors)
        {
            error.WriteLine(problem.ToString());
        }
    }
}
