using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl;

/// <summary>
/// Maps a plan's deployment spec (az ml online-deployment field names) to the REST body of
/// <c>OnlineDeployments_CreateOrUpdate</c> (contract §2.2): <c>instance_count</c> → <c>sku.capacity</c> with
/// <c>sku.name = "Default"</c>, durations → ISO-8601, asset references → ARM ids. Local files cannot be uploaded
/// by this target: models, code and environments must be registered assets.
/// </summary>
internal static partial class DeploymentRequestBody
{
    /// <summary>The body, or every field that cannot be expressed (all at once).</summary>
    public static JsonObject Build(DeploymentSpec spec, string location, EndpointCompute compute, AzureMlResourceIds ids, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(ids);
        var errors = new List<string>();
        var properties = new JsonObject
        {
            ["endpointComputeType"] = compute == EndpointCompute.Kubernetes ? "Kubernetes" : "Managed",
        };

        if (spec.Model is { } model)
        {
            properties["model"] = ResolveAsset(model, "models", "model", ids, errors);
        }

        if (spec.CodeConfiguration is { } code)
        {
            var codeConfiguration = new JsonObject { ["scoringScript"] = code.ScoringScript };
            if (!string.IsNullOrWhiteSpace(code.Code))
            {
                codeConfiguration["codeId"] = ResolveAsset(code.Code, "codes", "code_configuration.code", ids, errors);
            }

            properties["codeConfiguration"] = codeConfiguration;
        }

        if (spec.Environment is { } environment)
        {
            properties["environmentId"] = ResolveAsset(environment, "environments", "environment", ids, errors);
        }

        if (spec.InstanceType is { } instanceType)
        {
            properties["instanceType"] = instanceType;
        }

        if (spec.EnvironmentVariables is { Count: > 0 } variables)
        {
            var map = new JsonObject();
            foreach (var (key, value) in variables)
            {
                map[key] = value;
            }

            properties["environmentVariables"] = map;
        }

        if (spec.RequestSettings is { } request)
        {
            properties["requestSettings"] = Compact(new JsonObject
            {
                ["requestTimeout"] = Duration(request.RequestTimeout),
                ["maxConcurrentRequestsPerInstance"] = request.MaxConcurrentRequestsPerInstance,
                ["maxQueueWait"] = Duration(request.MaxQueueWait),
            });
        }

        if (spec.LivenessProbe is { } liveness)
        {
            properties["livenessProbe"] = Probe(liveness);
        }

        if (spec.ReadinessProbe is { } readiness)
        {
            properties["readinessProbe"] = Probe(readiness);
        }

        if (spec.InstanceCount < 1)
        {
            errors.Add($"instance_count is {spec.InstanceCount}; it must be at least 1");
        }

        problems = errors;
        return new JsonObject
        {
            ["location"] = location,
            ["sku"] = new JsonObject { ["name"] = "Default", ["capacity"] = spec.InstanceCount },
            ["properties"] = properties,
        };
    }

    /// <summary>
    /// <c>azureml:name:version</c> → the workspace asset's ARM id; ARM ids and registry asset ids
    /// (<c>azureml://…</c>) pass unchanged; anything else (a local path, an image) is a problem.
    /// </summary>
    private static string? ResolveAsset(string reference, string collection, string field, AzureMlResourceIds ids, List<string> errors)
    {
        if (reference.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase))
        {
            return reference;
        }

        var match = ShortAssetReference().Match(reference);
        if (match.Success)
        {
            return $"{ids.Workspace}/{collection}/{Uri.EscapeDataString(match.Groups["name"].Value)}/versions/{Uri.EscapeDataString(match.Groups["version"].Value)}";
        }

        errors.Add($"{field} '{reference}' is not a registered asset (azureml:<name>:<version>, azureml://registries/…, or an ARM id); the Azure ML target does not upload local files or images");
        return null;
    }

    private static JsonObject Probe(ProbeSettings probe) => Compact(new JsonObject
    {
        ["initialDelay"] = Duration(probe.InitialDelay),
        ["period"] = Duration(probe.Period),
        ["timeout"] = Duration(probe.Timeout),
        ["failureThreshold"] = probe.FailureThreshold,
        ["successThreshold"] = probe.SuccessThreshold,
    });

    private static string? Duration(TimeSpan? value) => value is { } span ? XmlConvert.ToString(span) : null;

    private static JsonObject Compact(JsonObject node)
    {
        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(key);
        }

        return node;
    }

    [GeneratedRegex("^azureml:(?<name>[^:/@]+):(?<version>[^:/@]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShortAssetReference();
}
