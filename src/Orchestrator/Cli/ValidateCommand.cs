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
        if (!PlanFiles.TryRead(file, error, out var text))
        {
            return ExitCodes.InvalidInput;
        }

        var result = PlanParser.Parse(text, new PlanParseOptions(file.DirectoryName ?? ".", policies.FullName));
        if (!result.IsValid)
        {
            PlanFiles.PrintErrors(result.Errors, error);

            return ExitCodes.InvalidInput;
        }

        PlanPrinter.Print(result.Plan!, output);
        return ExitCodes.Success;
    }
}
