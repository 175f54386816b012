namespace Orchestrator.Dispatching;

/// <summary>A command was refused before anything happened; every offending field is listed (the API answers 400).</summary>
public sealed class CommandValidationException : Exception
{
    /// <summary>Creates the exception from the failures.</summary>
    public CommandValidationException(IReadOnlyList<ValidationFailure> failures)
        : base(string.Join("; ", failures.Select(f => $"{f.Field}: {f.Message}")))
    {
        Failures = failures;
    }

    /// <summary>Creates the exception.</summary>
    public CommandValidationException()
    {
        Failures = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public CommandValidationException(string message)
        : base(message)
    {
        Failures = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CommandValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    /// <summary>Every offending field with its reason.</summary>
    public IReadOnlyList<ValidationFailure> Failures { get; }
}

/// <summary>One offending field: its path and a plain reason.</summary>
public sealed record ValidationFailure(string Field, string Message);
