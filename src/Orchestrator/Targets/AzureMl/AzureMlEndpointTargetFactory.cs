using Microsoft.Extensions.Logging;
using Orchestrator.Plans;

namespace Orchestrator.Targets.AzureMl;

/// <summary>Creates <see cref="AzureMlEndpointTarget"/>s for plans whose target kind is <see cref="TargetKind.AzureMl"/>.</summary>
public sealed class AzureMlEndpointTargetFactory : IEndpointTargetFactory
{
    private readonly ArmConnection _connection;
    private readonly ILogger<AzureMlEndpointTarget> _logger;

    internal AzureMlEndpointTargetFactory(ArmConnection connection, ILogger<AzureMlEndpointTarget> logger)
    {
        _connection = connection;
        _logger = logger;
    }

    /// <inheritdoc />
    public IEndpointTarget Create(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind != TargetKind.AzureMl)
        {
            throw new ArgumentException($"The Azure ML target factory cannot serve a {target.Kind} target.", nameof(target));
        }

        return new AzureMlEndpointTarget(_connection, target, _logger);
    }
}
