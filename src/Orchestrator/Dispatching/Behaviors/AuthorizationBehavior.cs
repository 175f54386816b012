using System.Reflection;
using Orchestrator.Rollouts;

namespace Orchestrator.Dispatching.Behaviors;

/// <summary>Refuses a mutating command whose actor's role is not among the command's <see cref="AllowedRolesAttribute"/> roles.</summary>
public sealed class AuthorizationBehavior<TCommand, TResult> : IPipelineBehavior<TCommand, TResult>
    where TCommand : ICommand<TResult>
{
    private static readonly IReadOnlyList<ActorRole>? Allowed = typeof(TCommand).GetCustomAttribute<AllowedRolesAttribute>()?.Roles;

    /// <inheritdoc />
    public Task<TResult> HandleAsync(TCommand command, PipelineContinuation<TResult> continuation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (command is IMutatingCommand { Actor: var actor } && !IsAllowed(actor.Role))
        {
            throw new CommandForbiddenException(
                $"{actor.Name} ({actor.Role}) may not {typeof(TCommand).Name.Replace("Command", "", StringComparison.Ordinal)}; allowed: {string.Join(", ", Allowed ?? [])}");
        }

        return continuation();
    }

    private static bool IsAllowed(ActorRole role) =>
        Allowed is null
        || Allowed.Contains(role)
        || (role == ActorRole.Admin && !Allowed.Contains(ActorRole.System))
        || (role == ActorRole.System && Allowed.Contains(ActorRole.System));
}
