using System.CommandLine;
using Orchestrator.Plans;

namespace Orchestrator.Cli;

/// <summary>
/// <c>validate &lt;plan&gt;</c>: prints the expanded plan with the endpoint state each step asks for and exits 0,
/// or prints every problem as <c>path: reason</c> on stderr and exits 2.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var plan = new Argument<FileInfo>("plan") { Description = "The rollout plan (YAML or JSON)." };
        var policies = CliOptions.Policies();
        var command = new Command("validate", "Check a rollout plan and show the steps it expands to, with the endpoint state each step asks for.")
        {
            plan,
            policies,
        };
        command.SetAction(result => Run(
            result.GetRequiredValue(plan),
            result.GetRequiredValue(policies),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(FileInfo file, DirectoryInfo policies, TextWriter output, TextWriter error)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: plan file not found: {file.FullName}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read {file.FullName}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        var result = PlanParser.Parse(text, new PlanParseOptions(file.DirectoryName ?? ".", policies.FullName));
        if (!result.IsValid)
        {
            foreach (var problem in result.Errors)
            {
                error.WriteLine(problem.ToString());
            }

            return ExitCodes.InvalidInput;
        }

        PlanPrinter.Print(result.Plan!, output);
        return ExitCodes.Success;
    }
}
