using Microsoft.Extensions.Options;

namespace Orchestrator.Persistence;

/// <summary>Where the service keeps its state (rollouts, audit, gate history, the Quartz job store).</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Orchestrator:Database";

    /// <summary>An ADO.NET connection string; SQLite by default (a file beside the service, created when missing).</summary>
    public string ConnectionString { get; set; } = "Data Source=data/orchestrator.db";

    /// <summary>How long a writer waits for a locked SQLite database before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Validates <see cref="DatabaseOptions"/> at start-up, reporting every problem at once.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{DatabaseOptions.Section}:ConnectionString is required");
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            failures.Add($"{DatabaseOptions.Section}:BusyTimeout must not be negative");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
