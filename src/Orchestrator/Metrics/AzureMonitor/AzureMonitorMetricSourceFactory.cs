using Microsoft.Extensions.Logging;
using Orchestrator.Plans;
using Orchestrator.Targets.AzureMl;

namespace Orchestrator.Metrics.AzureMonitor;

/// <summary>Creates <see cref="AzureMonitorMetricSource"/>s for plans whose target kind is <see cref="TargetKind.AzureMl"/>.</summary>
public sealed class AzureMonitorMetricSourceFactory : IMetricSourceFactory
{
    private readonly ArmConnection _connection;
    private readonly ILogger<AzureMonitorMetricSource> _logger;

    internal AzureMonitorMetricSourceFactory(ArmConnection connection, ILogger<AzureMonitorMetricSource> logger)
    {
        _connection = connection;
        _logger = logger;
    }

    /// <inheritdoc />
    public IMetricSource Create(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind != TargetKind.AzureMl)
        {
            throw new ArgumentException($"The Azure Monitor metric source cannot serve a {target.Kind} target.", nameof(target));
        }

        return new AzureMonitorMetricSource(_connection, target, _logger);
    }
}
