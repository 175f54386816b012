namespace Tests.Common.Crashes;

/// <summary>
/// The orchestrator process dying (kill -9) at a side-effecting call. It is an <see cref="OperationCanceledException"/>
/// on purpose: every catch-all on the execution path lets cancellation through (that is how shutdown stops a tick), so
/// the product cannot mistake the crash for a failed call and carry on. A <see cref="CrashFuse"/> that has blown also
/// refuses every later call of its host, so even code that swallowed it could change nothing more.
/// </summary>
public sealed class SimulatedCrashException : OperationCanceledException
{
    /// <summary>Creates the crash.</summary>
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }

    /// <summary>Creates the crash with a description of where it struck.</summary>
    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the crash with an inner exception.</summary>
    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
