using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Dispatching;

/// <summary>
/// Sends a command through the ordered pipeline behaviours to its one handler (MediatR's shape, owned here
/// because MediatR cannot be restored from our registry; see docs/decisions).
/// </summary>
public sealed class Dispatcher(IServiceProvider services) : ISender
{
    private static readonly ConcurrentDictionary<Type, object> Pipelines = new();

    /// <inheritdoc />
    public Task<TResult> SendAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var pipeline = (IPipeline<TResult>)Pipelines.GetOrAdd(
            command.GetType(),
            static type => Activator.CreateInstance(typeof(Pipeline<,>).MakeGenericType(type, typeof(TResult)))!);
        return pipeline.RunAsync(command, services, cancellationToken);
    }

    private interface IPipeline<TResult>
    {
        Task<TResult> RunAsync(ICommand<TResult> command, IServiceProvider services, CancellationToken cancellationToken);
    }

    private sealed class Pipeline<TCommand, TResult> : IPipeline<TResult>
        where TCommand : ICommand<TResult>
    {
        public Task<TResult> RunAsync(ICommand<TResult> command, IServiceProvider services, CancellationToken cancellationToken)
        {
            var typed = (TCommand)command;
            var handler = services.GetRequiredService<ICommandHandler<TCommand, TResult>>();
            PipelineContinuation<TResult> next = () => handler.HandleAsync(typed, cancellationToken);

            // Registration order is pipeline order (outermost first), so wrap from the innermost outwards.
            foreach (var behavior in services.GetServices<IPipelineBehavior<TCommand, TResult>>().Reverse())
            {
                var inner = next;
                next = () => behavior.HandleAsync(typed, inner, cancellationToken);
            }

            return next();
        }
    }
}
