using System.Text.RegularExpressions;
using Policies.Documents;

namespace Orchestrator.Plans;

/// <summary>Reads a deployment spec in the field names of an <c>az ml online-deployment</c> YAML (plus local faults).</summary>
internal static partial class DeploymentSpecReader
{
    private const string AzureMlPrefix = "azureml:";

    public static DeploymentSpec? Read(MappingReader map, PlanReadContext context)
    {
        var before = map.Errors.Count;
        var model = ReadModel(map, context);
        var code = ReadCode(map.Mapping("code_configuration"), context);
        var environment = map.Text("environment");
        var instanceType = map.Text("instance_type");
        var instanceCount = AtLeast(map, "instance_count", 1) ?? 1;
        var requestSettings = ReadRequestSettings(map.Mapping("request_settings"));
        var liveness = ReadProbe(map.Mapping("liveness_probe"));
        var readiness = ReadProbe(map.Mapping("readiness_probe"));
        var variables = ReadEnvironmentVariables(map.Take("environment_variables"), map.Errors);
        var faultsMap = map.Mapping("faults");
        var faults = faultsMap is null ? null : ReadFaults(faultsMap);
        map.Finish();

        if (faultsMap is not null && context.Kind == TargetKind.AzureMl)
        {
            map.Errors.Add(faultsMap.Path, "faults are injected by the local endpoint host only; remove them for an azureml target");
        }

        return map.Errors.Count > before || model is null
            ? null
            : new DeploymentSpec(model, code, environment, instanceType, instanceCount, requestSettings, liveness, readiness, variables, faults);
    }

    private static string? ReadModel(MappingReader map, PlanReadContext context)
    {
        var model = map.Text("model", required: true);
        var isReference = model is not null && IsAssetReference(model);
        switch (context.Kind)
        {
            case TargetKind.Local when isReference:
                map.Errors.Add(map.PathOf("model"), $"'{model}' is an Azure ML reference, but the local host loads a model file (e.g. samples/models/model-2.json)");
                return null;
            case TargetKind.Local when model is not null:
                // Stored absolute so the persisted plan does not depend on the folder it was submitted from.
                return context.ExistingFile(model, map.PathOf("model"));
            case TargetKind.AzureMl when model is not null && !isReference:
                map.Errors.Add(map.PathOf("model"), $"'{model}' is not a registered model: write azureml:<name>:<version> (register local files with az ml model create first)");
                return null;
            default:
                return model;
        }
    }

    private static CodeConfiguration? ReadCode(MappingReader? map, PlanReadContext context)
    {
        if (map is null)
        {
            return null;
        }

        var code = map.Text("code", required: true);
        var script = map.Text("scoring_script", required: true);
        map.Finish();
        if (code is null || script is null)
        {
            return null;
        }

        if (IsAssetReference(code))
        {
            return new CodeConfiguration(code, script);
        }

        if (context.Kind == TargetKind.AzureMl)
        {
            // The Azure ML target sends asset ids and uploads nothing: a folder would fail only when the deploy step runs.
            map.Errors.Add(map.PathOf("code"), $"'{code}' is a local folder, but the Azure ML target uploads nothing: register it (az ml code create) and write azureml:<name>:<version>");
            return null;
        }

        return context.ExistingFolder(code, map.PathOf("code")) is { } folder ? new CodeConfiguration(folder, script) : null;
    }

    /// <summary>The references the Azure ML target accepts for an asset (contract §2.2): <c>azureml:…</c>, <c>azureml://…</c> or an ARM id.</summary>
    private static bool IsAssetReference(string value) =>
        value.StartsWith(AzureMlPrefix, StringComparison.OrdinalIgnoreCase) || value.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase);

    private static RequestSettings? ReadRequestSettings(MappingReader? map)
    {
        if (map is null)
        {
            return null;
        }

        // Azure ML's limits: request_timeout_ms at most 180000 (azureml-contract.md §2.2).
        var timeout = Between(map, "request_timeout_ms", 1, 180_000);
        var concurrency = AtLeast(map, "max_concurrent_requests_per_instance", 1);
        var queueWait = AtLeast(map, "max_queue_wait_ms", 0);
        map.Finish();
        return new RequestSettings(Milliseconds(timeout), concurrency, Milliseconds(queueWait));
    }

    private static ProbeSettings? ReadProbe(MappingReader? map)
    {
        if (map is null)
        {
            return null;
        }

        // az ml writes probe times in whole seconds.
        var initialDelay = AtLeast(map, "initial_delay", 0);
        var period = AtLeast(map, "period", 1);
        var timeout = AtLeast(map, "timeout", 1);
        var failureThreshold = AtLeast(map, "failure_threshold", 1);
        var successThreshold = AtLeast(map, "success_threshold", 1);
        map.Finish();
        return new ProbeSettings(Seconds(initialDelay), Seconds(period), Seconds(timeout), failureThreshold, successThreshold);
    }

    private static Dictionary<string, string>? ReadEnvironmentVariables(DocumentNode? node, DocumentErrors errors)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not DocumentNode.Mapping mapping)
        {
            errors.Add(node.Path, $"expected a mapping of NAME: value, got {node.Description}");
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in mapping.Entries)
        {
            if (!VariableName().IsMatch(name))
            {
                errors.Add(value.Path, $"'{name}' is not an environment variable name: letters, digits and '_', not starting with a digit");
            }

            if (NodeValues.AsString(value, errors) is { } text)
            {
                variables[name] = text;
            }
        }

        return variables;
    }

    private static FaultInjection ReadFaults(MappingReader map)
    {
        LatencyFault? latency = null;
        if (map.Mapping("latency") is { } latencyMap)
        {
            var mean = latencyMap.Duration("mean", required: true);
            var stdDev = latencyMap.Duration("stddev") ?? TimeSpan.Zero;
            latencyMap.Finish();
            latency = mean is null ? null : new LatencyFault(mean.Value, stdDev);
        }

        var errorRate = map.Number("error_rate") ?? 0;
        if (errorRate is < 0 or > 1)
        {
            map.Errors.Add(map.PathOf("error_rate"), $"{errorRate} is outside 0..1 (a fraction of requests: 0.2 fails one in five)");
        }

        var crashAfter = AtLeast(map, "crash_after_requests", 1);
        var failStart = map.Flag("fail_start") ?? false;
        map.Finish();
        return new FaultInjection(latency, errorRate, crashAfter, failStart);
    }

    private static int? AtLeast(MappingReader map, string key, int min) => Between(map, key, min, int.MaxValue);

    private static int? Between(MappingReader map, string key, int min, int max)
    {
        var value = map.WholeNumber(key);
        if (value is { } v && (v < min || v > max))
        {
            map.Errors.Add(map.PathOf(key), max == int.MaxValue ? $"{v} is below {min}" : $"{v} is outside {min}..{max}");
            return null;
        }

        return value;
    }

    private static TimeSpan? Milliseconds(int? value) => value is { } v ? TimeSpan.FromMilliseconds(v) : null;

    private static TimeSpan? Seconds(int? value) => value is { } v ? TimeSpan.FromSeconds(v) : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
