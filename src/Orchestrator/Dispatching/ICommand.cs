namespace Orchestrator.Dispatching;

/// <summary>A command (or query) with its result type; the shape of MediatR's IRequest&lt;T&gt;.</summary>
public interface ICommand<TResult>;

/// <summary>A command that changes state: it carries who sends it and, optionally, a client request id (a repeat returns the first result).</summary>
public interface IMutatingCommand
{
    /// <summary>Who sends it.</summary>
    Rollouts.Actor Actor { get; }

    /// <summary>The client's request id; null when the client sent none.</summary>
    string? RequestId { get; }
}

/// <summary>Handles one command type.</summary>
public interface ICommandHandler<in TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    /// <summary>Carries the command out.</summary>
    Task<TResult> HandleAsync(TCommand command, CancellationToken cancellationToken = default);
}

/// <summary>The rest of the pipeline, as a continuation.</summary>
public delegate Task<TResult> PipelineContinuation<TResult>();

/// <summary>One step of the ordered pipeline around every handler (logging, validation, authorization, audit, retry).</summary>
public interface IPipelineBehavior<in TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    /// <summary>Does its part and calls <paramref name="continuation"/> (or refuses).</summary>
    Task<TResult> HandleAsync(TCommand command, PipelineContinuation<TResult> continuation, CancellationToken cancellationToken = default);
}

/// <summary>Sends commands through the pipeline to their handler; the one entry point for every state change.</summary>
public interface ISender
{
    /// <summary>Sends a command and returns its result.</summary>
    Task<TResult> SendAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default);
}
