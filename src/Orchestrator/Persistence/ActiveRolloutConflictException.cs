namespace Orchestrator.Persistence;

/// <summary>The endpoint already has an active rollout (the API answers 409 naming it).</summary>
public sealed class ActiveRolloutConflictException : Exception
{
    /// <summary>Creates the exception naming the active rollout.</summary>
    public ActiveRolloutConflictException(string endpointKey, Guid activeRolloutId)
        : base($"endpoint {endpointKey} already has an active rollout {activeRolloutId}")
    {
        EndpointKey = endpointKey;
        ActiveRolloutId = activeRolloutId;
    }

    /// <summary>Creates the exception.</summary>
    public ActiveRolloutConflictException()
    {
        EndpointKey = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ActiveRolloutConflictException(string message)
        : base(message)
    {
        EndpointKey = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActiveRolloutConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        EndpointKey = string.Empty;
    }

    /// <summary>The endpoint.</summary>
    public string EndpointKey { get; }

    /// <summary>The rollout that holds it.</summary>
    public Guid ActiveRolloutId { get; }
}
