namespace Orchestrator.Targets;

/// <summary>A deployment did not reach provisioning Succeeded (failed, or timed out); the message is the platform's.</summary>
public sealed class DeploymentFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeploymentFailedException()
    {
    }

    /// <summary>Creates the exception with the platform's message.</summary>
    public DeploymentFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the platform's message and the cause.</summary>
    public DeploymentFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
