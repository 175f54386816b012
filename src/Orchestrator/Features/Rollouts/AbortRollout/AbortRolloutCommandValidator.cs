using Orchestrator.Dispatching;

namespace Orchestrator.Features.Rollouts.AbortRollout;

/// <summary>An abort rolls production back: it must say why.</summary>
public sealed class AbortRolloutCommandValidator : ICommandValidator<AbortRolloutCommand>
{
    /// <inheritdoc />
    public void Validate(AbortRolloutCommand command, ICollection<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(failures);
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            failures.Add(new ValidationFailure("reason", "an abort needs a reason"));
        }
    }
}
