using Orchestrator.Plans;

namespace Orchestrator.Rollouts;

/// <summary>The key that identifies an endpoint across targets, for "at most one active rollout per endpoint".</summary>
public static class EndpointKeys
{
    /// <summary><c>local/{endpoint}</c> or <c>azureml/{subscription}/{resourceGroup}/{workspace}/{endpoint}</c>, lower-cased.</summary>
    public static string For(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = target.Kind switch
        {
            TargetKind.Local => $"local/{target.Endpoint}",
            TargetKind.AzureMl when target.Azure is { } azure =>
                $"azureml/{azure.SubscriptionId}/{azure.ResourceGroup}/{azure.Workspace}/{target.Endpoint}",
            TargetKind.AzureMl => $"azureml/{target.Endpoint}",
            _ => throw new System.Diagnostics.UnreachableException($"target kind {target.Kind}"),
        };
#pragma warning disable CA1308 // Azure ML compares names case-insensitively and lower-cases them; so do we.
        return key.ToLowerInvariant();
#pragma warning restore CA1308
    }
}
