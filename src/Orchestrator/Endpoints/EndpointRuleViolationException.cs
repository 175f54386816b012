namespace Orchestrator.Endpoints;

/// <summary>A target refused a change because it breaks endpoint rules; nothing was changed.</summary>
public sealed class EndpointRuleViolationException : Exception
{
    /// <summary>Creates the exception from the violations.</summary>
    public EndpointRuleViolationException(IReadOnlyList<RuleViolation> violations)
        : base(string.Join("; ", violations.Select(v => v.Message)))
    {
        Violations = violations;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public EndpointRuleViolationException(string message)
        : base(message)
    {
        Violations = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public EndpointRuleViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [];
    }

    /// <summary>Creates the exception without details.</summary>
    public EndpointRuleViolationException()
    {
        Violations = [];
    }

    /// <summary>The broken rules.</summary>
    public IReadOnlyList<RuleViolation> Violations { get; }
}
