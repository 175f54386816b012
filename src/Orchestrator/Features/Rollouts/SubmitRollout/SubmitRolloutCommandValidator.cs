using Orchestrator.Dispatching;

namespace Orchestrator.Features.Rollouts.SubmitRollout;

/// <summary>Cheap checks before the plan is parsed (the parser reports the plan's own problems).</summary>
public sealed class SubmitRolloutCommandValidator : ICommandValidator<SubmitRolloutCommand>
{
    /// <summary>Plans larger than this are refused before parsing.</summary>
    public const int MaxPlanLength = 1024 * 1024;

    /// <summary>The name of the plan-folder parameter in problems (the API's query parameter).</summary>
    public const string PlanDirectoryField = "planDirectory";

    /// <inheritdoc />
    public void Validate(SubmitRolloutCommand command, ICollection<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(failures);
        if (string.IsNullOrWhiteSpace(command.PlanText))
        {
            failures.Add(new ValidationFailure("plan", "the plan is empty"));
        }
        else if (command.PlanText.Length > MaxPlanLength)
        {
            failures.Add(new ValidationFailure("plan", $"the plan is longer than {MaxPlanLength} characters"));
        }

        if (command.PlanDirectory is { } planDirectory)
        {
            // Names no more of the server than an absolute model path in the plan would: both resolve on the server.
            if (!Path.IsPathFullyQualified(planDirectory))
            {
                failures.Add(new ValidationFailure(PlanDirectoryField, $"'{planDirectory}' is not an absolute path; send the plan file's folder as the server sees it"));
            }
            else if (!Directory.Exists(planDirectory))
            {
                failures.Add(new ValidationFailure(PlanDirectoryField, $"folder '{planDirectory}' not found on the server; a plan sent to a service on another machine names its files as that machine sees them (leave planDirectory out to resolve them against the server's Orchestrator:Plans:BaseDirectory)"));
            }
        }
    }
}
