using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Persistence;

namespace Orchestrator.Api;

/// <summary>Ready means the rollout database answers a query (through the store, whichever database it is).</summary>
internal sealed class RolloutStoreHealthCheck(IRolloutStore store) : IHealthCheck
{
    /// <summary>The tag of the checks /health/ready runs.</summary>
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = await store.ListAsync(new RolloutFilter(Limit: 1), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("the database answers");
        }
#pragma warning disable CA1031 // Any failure to reach the database means not ready; the reason is reported.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"the database does not answer: {ex.Message}");
        }
    }
}
