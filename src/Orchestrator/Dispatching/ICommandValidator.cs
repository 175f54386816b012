namespace Orchestrator.Dispatching;

/// <summary>Checks a command before anything happens; validators add to one list so the user sees every problem at once.</summary>
public interface ICommandValidator<in TCommand>
{
    /// <summary>Adds every failure found to <paramref name="failures"/>.</summary>
    void Validate(TCommand command, ICollection<ValidationFailure> failures);
}
