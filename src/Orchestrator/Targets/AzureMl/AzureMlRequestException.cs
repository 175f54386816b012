namespace Orchestrator.Targets.AzureMl;

/// <summary>
/// Azure refused a request, or a long-running operation ended Failed or Canceled. The message names the operation
/// and carries the service's own error code and message (never a token or key).
/// </summary>
public sealed class AzureMlRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AzureMlRequestException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AzureMlRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AzureMlRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the service's answer.</summary>
    /// <param name="operation">What was attempted, e.g. <c>PUT deployment green</c>.</param>
    /// <param name="status">HTTP status (0 when the failure came from an operation's status).</param>
    /// <param name="errorCode">The service's <c>error.code</c>.</param>
    /// <param name="serviceMessage">The service's <c>error.message</c>.</param>
    public AzureMlRequestException(string operation, int status, string errorCode, string serviceMessage)
        : base(status == 0 ? $"{operation} failed: ({errorCode}) {serviceMessage}" : $"{operation} failed with HTTP {status}: ({errorCode}) {serviceMessage}")
    {
        Status = status;
        ErrorCode = errorCode;
        ServiceMessage = serviceMessage;
    }

    /// <summary>HTTP status, or 0 when a long-running operation failed.</summary>
    public int Status { get; }

    /// <summary>The service's error code (opaque; do not branch on it).</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's error message.</summary>
    public string? ServiceMessage { get; }
}
