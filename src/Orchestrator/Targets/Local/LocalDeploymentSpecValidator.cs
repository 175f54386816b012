using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>What a local deployment needs from its spec: a name Azure ML would accept, a model file, instances, sane faults.</summary>
internal static partial class LocalDeploymentSpecValidator
{
    /// <summary>Every problem with a deployment's name and spec; empty when it can run locally.</summary>
    public static IReadOnlyList<string> Validate(string name, DeploymentSpec spec)
    {
        var problems = new List<string>();
        if (!IsValidName(name))
        {
            problems.Add($"name '{name}' must start with a letter or digit and hold only letters, digits, '-' and '_' (at most 255)");
        }

        if (string.IsNullOrWhiteSpace(spec.Model))
        {
            problems.Add("model: a model file path is required for a local deployment");
        }
        else if (!File.Exists(spec.Model))
        {
            problems.Add($"model: file '{spec.Model}' does not exist");
        }

        if (spec.InstanceCount < 1)
        {
            problems.Add($"instance_count: {spec.InstanceCount} must be at least 1");
        }

        if (spec.RequestSettings?.RequestTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            problems.Add($"request_settings.request_timeout: {timeout} must be positive");
        }

        if (spec.Faults is not null)
        {
            problems.AddRange(ValidateFaults(spec.Faults));
        }

        return problems;
    }

    /// <summary>Every out-of-range fault field.</summary>
    public static IReadOnlyList<string> ValidateFaults(FaultInjection faults)
    {
        var problems = new List<string>();
        if (faults.ErrorRate is < 0 or > 1 || double.IsNaN(faults.ErrorRate))
        {
            problems.Add($"faults.error_rate: {faults.ErrorRate} must be within 0..1");
        }

        if (faults.Latency is { } latency && (latency.Mean < TimeSpan.Zero || latency.StdDev < TimeSpan.Zero))
        {
            problems.Add($"faults.latency: mean {latency.Mean} and stddev {latency.StdDev} must not be negative");
        }

        if (faults.CrashAfterRequests is < 1)
        {
            problems.Add($"faults.crash_after_requests: {faults.CrashAfterRequests} must be at least 1");
        }

        return problems;
    }

    /// <summary>Azure ML's deployment and endpoint name pattern.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>True when two specs would run the same (records hold a dictionary, so compare their JSON).</summary>
    public static bool SameSpec(DeploymentSpec left, DeploymentSpec right) =>
        JsonSerializer.Serialize(left, LocalEndpointJsonContext.Default.DeploymentSpec) == JsonSerializer.Serialize(right, LocalEndpointJsonContext.Default.DeploymentSpec);

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9\\-_]{0,254}$")]
    private static partial Regex NamePattern();
}
