namespace Orchestrator.Dispatching;

/// <summary>The actor's role may not send this command (the API answers 403).</summary>
public sealed class CommandForbiddenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandForbiddenException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CommandForbiddenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CommandForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
