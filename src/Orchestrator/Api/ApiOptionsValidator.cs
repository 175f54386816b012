using Microsoft.Extensions.Options;
using Orchestrator.Auth;

namespace Orchestrator.Api;

/// <summary>Checks every API setting at start and reports every bad one at once.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        if (options.AdminKey is { } key && (key.Length < ApiKeySecret.MinimumLength || key.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{ApiOptions.SectionName}:AdminKey must be at least {ApiKeySecret.MinimumLength} characters without whitespace.");
        }

        if (options.ActualTrafficTimeout <= TimeSpan.Zero || options.ActualTrafficTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{ApiOptions.SectionName}:ActualTrafficTimeout must be between 00:00:00.001 and 00:01:00.");
        }

        if (options.MaxPlanBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{ApiOptions.SectionName}:MaxPlanBytes must be between 1024 and 16777216.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
