namespace Orchestrator.Rollouts;

/// <summary>A trigger the state table does not permit in the current state (the API maps it to 409).</summary>
public sealed class InvalidRolloutTransitionException : Exception
{
    /// <summary>Creates the exception for a refused trigger.</summary>
    public InvalidRolloutTransitionException(RolloutPhase state, RolloutTrigger trigger)
        : base($"{trigger} is not permitted while the rollout is {state}")
    {
        State = state;
        Trigger = trigger;
    }

    /// <summary>Creates the exception.</summary>
    public InvalidRolloutTransitionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidRolloutTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidRolloutTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The state the rollout was in.</summary>
    public RolloutPhase State { get; }

    /// <summary>The refused trigger.</summary>
    public RolloutTrigger Trigger { get; }
}
