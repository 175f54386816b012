using Microsoft.Extensions.Options;

namespace Orchestrator.Execution;

/// <summary>How the worker carries rollouts out.</summary>
public sealed class ExecutionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Orchestrator:Execution";

    /// <summary>Wait before retrying a tick whose target call failed transiently.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A rollback that still cannot be applied after this long marks the rollout Failed (a human must act); it keeps its last error.</summary>
    public TimeSpan RollbackGiveUpAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a rollout waiting for approval is looked at (Approve wakes it at once anyway).</summary>
    public TimeSpan ApprovalRecheck { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Validates <see cref="ExecutionOptions"/> at start-up, reporting every problem at once.</summary>
public sealed class ExecutionOptionsValidator : IValidateOptions<ExecutionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(options.RetryBackoff, nameof(options.RetryBackoff));
        Positive(options.RollbackGiveUpAfter, nameof(options.RollbackGiveUpAfter));
        Positive(options.ApprovalRecheck, nameof(options.ApprovalRecheck));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(TimeSpan value, string field)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{ExecutionOptions.Section}:{field} must be positive, was {value}");
            }
        }
    }
}
