namespace Orchestrator.Dispatching;

/// <summary>No rollout has the id (the API answers 404).</summary>
public sealed class RolloutNotFoundException : Exception
{
    /// <summary>Creates the exception for an id.</summary>
    public RolloutNotFoundException(Guid id)
        : base($"rollout {id} does not exist")
    {
        RolloutId = id;
    }

    /// <summary>Creates the exception.</summary>
    public RolloutNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RolloutNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RolloutNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The id asked for.</summary>
    public Guid RolloutId { get; }
}
