using Policies.Documents;

namespace Orchestrator.Plans;

/// <summary>Reads <c>target</c>: which endpoint, on which platform.</summary>
internal static class TargetReader
{
    private static readonly string[] AzureFields = ["subscription", "resourceGroup", "workspace"];

    public static TargetSpec? Read(MappingReader map, PlanReadContext context)
    {
        var kind = Choice(map, "kind", required: true, Named(TargetKind.Local), Named(TargetKind.AzureMl));
        var endpoint = map.Text("endpoint", required: true);
        CheckName(map, "endpoint", endpoint, ResourceNames.CheckEndpointOrDeployment);
        var compute = Choice(map, "compute", required: false, Named(EndpointCompute.Managed), Named(EndpointCompute.Kubernetes))
            ?? EndpointCompute.Managed;
        var skipMirror = Choice(map, "mirrorOnKubernetes", required: false, ("refuse", false), ("skip", true)) ?? false;
        var subscription = map.Text("subscription");
        var resourceGroup = map.Text("resourceGroup");
        var workspace = map.Text("workspace");
        map.Finish();

        context.Kind = kind;
        context.Compute = compute;
        context.SkipMirrorOnKubernetes = skipMirror;
        AzureWorkspace? azure = null;
        if (kind == TargetKind.AzureMl)
        {
            foreach (var field in AzureFields.Where(f => !map.Has(f)))
            {
                context.Errors.Add(map.PathOf(field), "is required for an azureml target");
            }

            CheckName(map, "subscription", subscription, ResourceNames.CheckSubscription);
            CheckName(map, "resourceGroup", resourceGroup, ResourceNames.CheckResourceGroup);
            CheckName(map, "workspace", workspace, ResourceNames.CheckWorkspace);
            azure = subscription is null || resourceGroup is null || workspace is null ? null : new(subscription, resourceGroup, workspace);
        }
        else if (kind == TargetKind.Local)
        {
            // Silently ignoring them would hide a plan that meant to go to Azure.
            foreach (var field in AzureFields.Where(map.Has))
            {
                context.Errors.Add(map.PathOf(field), "applies to azureml targets only (target.kind is local)");
            }
        }

        return kind is null || endpoint is null ? null : new TargetSpec(kind.Value, endpoint, azure, compute);
    }

    /// <summary>Reads one of a closed set of words (case-insensitive); anything else is an error listing the set.</summary>
    public static T? Choice<T>(MappingReader map, string key, bool required, params (string Word, T Value)[] choices)
        where T : struct
    {
        var text = map.Text(key, required);
        if (text is null)
        {
            return null;
        }

        foreach (var (word, value) in choices)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        map.Errors.Add(map.PathOf(key), $"'{text}' is not one of: {string.Join(", ", choices.Select(c => c.Word))}");
        return null;
    }

    private static void CheckName(MappingReader map, string key, string? value, Func<string, string?> check)
    {
        if (value is not null && check(value) is { } problem)
        {
            map.Errors.Add(map.PathOf(key), problem);
        }
    }

    /// <summary>A choice spelled as the API and stored JSON spell the value (its declared name), so they cannot drift apart.</summary>
    private static (string Word, T Value) Named<T>(T value)
        where T : struct, Enum => (NamedEnumConverter.NameOf(value), value);
}
