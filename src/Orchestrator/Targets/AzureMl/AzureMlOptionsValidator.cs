using System.Globalization;
using Microsoft.Extensions.Options;

namespace Orchestrator.Targets.AzureMl;

/// <summary>Checks <see cref="AzureMlOptions"/> at start-up and reports every problem at once, each named by its key.</summary>
public sealed class AzureMlOptionsValidator : IValidateOptions<AzureMlOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AzureMlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string Section = AzureMlOptions.SectionName;

        if (options.ArmEndpoint is not { IsAbsoluteUri: true } endpoint || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{Section}:ArmEndpoint must be an absolute https URL (bearer tokens are never sent over plain http).");
        }

        if (string.IsNullOrWhiteSpace(options.ArmAudience))
        {
            errors.Add($"{Section}:ArmAudience is required.");
        }

        CheckApiVersion(errors, nameof(options.MachineLearningApiVersion), options.MachineLearningApiVersion);
        CheckApiVersion(errors, nameof(options.MetricsApiVersion), options.MetricsApiVersion);

        if (options.AccessTokenEnvironmentVariable is not null && options.AccessTokenFile is not null)
        {
            errors.Add($"{Section}:AccessTokenEnvironmentVariable and {Section}:AccessTokenFile are exclusive; set one.");
        }

        if (options.AccessTokenEnvironmentVariable is { } variable && string.IsNullOrWhiteSpace(variable))
        {
            errors.Add($"{Section}:AccessTokenEnvironmentVariable is empty.");
        }

        if (options.AccessTokenFile is { } tokenFile && !File.Exists(tokenFile))
        {
            errors.Add($"{Section}:AccessTokenFile '{tokenFile}' does not exist.");
        }

        if (options.TrustedCaCertificateFile is { } caFile && !File.Exists(caFile))
        {
            errors.Add($"{Section}:TrustedCaCertificateFile '{caFile}' does not exist.");
        }

        CheckPositive(errors, nameof(options.ProvisioningTimeout), options.ProvisioningTimeout);
        CheckPositive(errors, nameof(options.OperationTimeout), options.OperationTimeout);
        CheckPositive(errors, nameof(options.DefaultPollInterval), options.DefaultPollInterval);
        CheckPositive(errors, nameof(options.RequestTimeout), options.RequestTimeout);
        CheckPositive(errors, nameof(options.ScoringTimeout), options.ScoringTimeout);
        CheckPositive(errors, nameof(options.MaxRetryDelay), options.MaxRetryDelay);

        if (options.MinPollInterval < TimeSpan.Zero)
        {
            errors.Add($"{Section}:MinPollInterval must not be negative.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            errors.Add($"{Section}:RetryBaseDelay must not be negative.");
        }

        if (options.MaxRetries is < 0 or > 50)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:MaxRetries must be between 0 and 50, not {options.MaxRetries}."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckApiVersion(List<string> errors, string key, string? value)
    {
        // api-versions look like 2025-12-01 or 2025-01-01-preview.
        if (string.IsNullOrWhiteSpace(value) || value.Length < 10 || !DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{AzureMlOptions.SectionName}:{key} '{value}' is not an api-version such as 2025-12-01.");
        }
    }

    private static void CheckPositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{AzureMlOptions.SectionName}:{key} must be positive, not {value}.");
        }
    }
}
