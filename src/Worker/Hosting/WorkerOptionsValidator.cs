using Microsoft.Extensions.Options;

namespace Worker.Hosting;

/// <summary>Checks <see cref="WorkerOptions"/> and reports every problem at once, each with its configuration key.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    /// <summary>More threads than this would only queue on the database.</summary>
    internal const int MaxThreadCount = 500;

    /// <summary>More concurrent checks than this would only queue on the database and the metric sources.</summary>
    internal const int MaxGateCheckConcurrency = 1000;

    /// <summary>A claim transaction bigger than this holds the write lock long enough to be felt.</summary>
    internal const int MaxGateCheckBatchSize = 5000;

    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Check(bool ok, string key, string reason)
        {
            if (!ok)
            {
                errors.Add($"{WorkerOptions.SectionName}:{key}: {reason}");
            }
        }

        Check(Enum.IsDefined(options.Store), nameof(options.Store), $"'{options.Store}' is not a store; use Sqlite or Postgres");
        Check(!string.IsNullOrWhiteSpace(options.ConnectionString), nameof(options.ConnectionString), "is required: the service database's connection string");
        Check(!options.Clustered || options.Store == WorkerStore.Postgres, nameof(options.Clustered), "clustering needs the Postgres store; a SQLite file serves one node");
        Check(!string.IsNullOrWhiteSpace(options.SchedulerName), nameof(options.SchedulerName), "is required");
        Check(options.ThreadCount is >= 1 and <= MaxThreadCount, nameof(options.ThreadCount), $"{options.ThreadCount} is outside 1..{MaxThreadCount}");
        Check(options.RetryBackoff > TimeSpan.Zero, nameof(options.RetryBackoff), $"{options.RetryBackoff} must be positive");
        Check(options.MaxRetryBackoff >= options.RetryBackoff, nameof(options.MaxRetryBackoff), $"{options.MaxRetryBackoff} is shorter than RetryBackoff {options.RetryBackoff}");
        Check(options.MisfireThreshold >= TimeSpan.FromSeconds(1), nameof(options.MisfireThreshold), $"{options.MisfireThreshold} is below the 1 s floor");
        Check(options.GateCheckConcurrency is >= 1 and <= MaxGateCheckConcurrency, nameof(options.GateCheckConcurrency), $"{options.GateCheckConcurrency} is outside 1..{MaxGateCheckConcurrency}");
        Check(options.GateCheckBatchSize is >= 1 and <= MaxGateCheckBatchSize, nameof(options.GateCheckBatchSize), $"{options.GateCheckBatchSize} is outside 1..{MaxGateCheckBatchSize}");
        Check(options.GateCheckLease >= TimeSpan.FromSeconds(10), nameof(options.GateCheckLease), $"{options.GateCheckLease} is below 10 s: a slow check would lose its claim and run twice");
        Check(
            options.GateCheckPollInterval >= TimeSpan.FromMilliseconds(100) && options.GateCheckPollInterval <= options.GateCheckLease,
            nameof(options.GateCheckPollInterval),
            $"{options.GateCheckPollInterval} is outside 100 ms..GateCheckLease ({options.GateCheckLease})");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
