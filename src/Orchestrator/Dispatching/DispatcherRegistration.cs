using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Dispatching.Behaviors;
using Orchestrator.Features.Rollouts.StartQueuedRollout;

namespace Orchestrator.Dispatching;

/// <summary>Registers the dispatcher, its pipeline (in order) and every handler and validator of this assembly.</summary>
public static class DispatcherRegistration
{
    /// <summary>
    /// The pipeline, outermost first: logging → validation → authorization → idempotency → start-queued → audit →
    /// concurrency retry. Idempotency sits after authorization (a repeat must be authorized too) and before audit (a
    /// repeat is not a second action); start-queued sees the final result of a command that ended a rollout and
    /// starts the next rollout queued for its endpoint; retry is innermost so a conflict re-runs only the handler,
    /// which reloads the rollout.
    /// </summary>
    public static IServiceCollection AddCommandDispatcher(this IServiceCollection services)
    {
        services.TryAddSingleton<ISender, Dispatcher>();
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(IdempotencyBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(StartQueuedRolloutBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(AuditBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ConcurrencyRetryBehavior<,>));

        foreach (var type in typeof(DispatcherRegistration).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(IsHandlerOrValidator))
            {
                services.TryAddEnumerable(ServiceDescriptor.Singleton(contract, type));
            }
        }

        return services;
    }

    private static bool IsHandlerOrValidator(Type contract) =>
        contract.IsGenericType &&
        (contract.GetGenericTypeDefinition() == typeof(ICommandHandler<,>) || contract.GetGenericTypeDefinition() == typeof(ICommandValidator<>));
}
