using System.Net;
using Microsoft.Extensions.Options;

namespace Orchestrator.Targets.Local;

/// <summary>Checks <see cref="LocalEndpointHostOptions"/> at startup and reports every bad field at once.</summary>
public sealed class LocalEndpointHostOptionsValidator : IValidateOptions<LocalEndpointHostOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LocalEndpointHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = LocalEndpointHostOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{section}:DataDirectory is required");
        }

        if (!IPAddress.TryParse(options.BindAddress, out var address) || !IPAddress.IsLoopback(address))
        {
            failures.Add($"{section}:BindAddress '{options.BindAddress}' must be a loopback address such as 127.0.0.1 (the host serves this machine only)");
        }

        var anyPort = options.FirstPort == 0 && options.LastPort == 0;
        if (!anyPort && (options.FirstPort is < 1 or > 65535 || options.LastPort is < 1 or > 65535 || options.FirstPort > options.LastPort))
        {
            failures.Add($"{section}:FirstPort..LastPort ({options.FirstPort}..{options.LastPort}) must both be 0 (any free port) or a range within 1..65535 with FirstPort <= LastPort");
        }

        if (options.ScoringServerPath is { } path && !File.Exists(path))
        {
            failures.Add($"{section}:ScoringServerPath '{path}' does not exist");
        }

        Positive(failures, nameof(options.ReadinessTimeout), options.ReadinessTimeout);
        Positive(failures, nameof(options.ReadinessProbeInterval), options.ReadinessProbeInterval);
        Positive(failures, nameof(options.StopTimeout), options.StopTimeout);
        Positive(failures, nameof(options.MaxRestartDelay), options.MaxRestartDelay);
        Positive(failures, nameof(options.DefaultRequestTimeout), options.DefaultRequestTimeout);

        if (options.MetricsRetention < TimeSpan.FromMinutes(15))
        {
            failures.Add($"{section}:MetricsRetention {options.MetricsRetention} must be at least 15 minutes (gates read sliding windows of minutes)");
        }

        AtLeastOne(failures, nameof(options.MaxRequestBodyBytes), options.MaxRequestBodyBytes);
        AtLeastOne(failures, nameof(options.MirrorQueueCapacity), options.MirrorQueueCapacity);
        AtLeastOne(failures, nameof(options.MirrorConcurrency), options.MirrorConcurrency);
        AtLeastOne(failures, nameof(options.LogLinesPerInstance), options.LogLinesPerInstance);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{LocalEndpointHostOptions.SectionName}:{field} {value} must be positive");
        }
    }

    private static void AtLeastOne(List<string> failures, string field, int value)
    {
        if (value < 1)
        {
            failures.Add($"{LocalEndpointHostOptions.SectionName}:{field} {value} must be at least 1");
        }
    }
}
