using Orchestrator.Dispatching;

namespace Orchestrator.Features.Rollouts.SubmitRollout;

/// <summary>Cheap checks before the plan is parsed (the parser reports the plan's own problems).</summary>
public sealed class SubmitRolloutCommandValidator : ICommandValidator<SubmitRolloutCommand>
{
    /// <summary>Plans larger than this are refused before parsing.</summary>
    public const int MaxPlanLength = 1024 * 1024;

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
    }
}
