namespace Orchestrator.Dispatching.Behaviors;

/// <summary>Runs every validator of the command and refuses it with all failures at once.</summary>
public sealed class ValidationBehavior<TCommand, TResult>(IEnumerable<ICommandValidator<TCommand>> validators)
    : IPipelineBehavior<TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    /// <inheritdoc />
    public Task<TResult> HandleAsync(TCommand command, PipelineContinuation<TResult> continuation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var failures = new List<ValidationFailure>();
        foreach (var validator in validators)
        {
            validator.Validate(command, failures);
        }

        return failures.Count > 0 ? throw new CommandValidationException(failures) : continuation();
    }
}
