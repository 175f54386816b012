using Microsoft.Extensions.Logging;
using Orchestrator.Endpoints;

namespace Orchestrator.Targets.AzureMl;

/// <content>Log messages of the Azure ML target.</content>
public sealed partial class AzureMlEndpointTarget
{
    private static partial class Log
    {
        [LoggerMessage(EventId = AzureMlEventIds.CreatingEndpoint, Level = LogLevel.Information, Message = "Creating Azure ML online endpoint {Endpoint} in {Location}")]
        public static partial void CreatingEndpoint(ILogger logger, string endpoint, string location);

        [LoggerMessage(EventId = AzureMlEventIds.PuttingDeployment, Level = LogLevel.Information, Message = "Creating or updating deployment {Deployment} on {Endpoint} with {InstanceCount} instances")]
        public static partial void PuttingDeployment(ILogger logger, string deployment, string endpoint, int instanceCount);

        [LoggerMessage(EventId = AzureMlEventIds.DeploymentSucceeded, Level = LogLevel.Information, Message = "Deployment {Deployment} on {Endpoint} provisioned")]
        public static partial void DeploymentSucceeded(ILogger logger, string deployment, string endpoint);

        [LoggerMessage(EventId = AzureMlEventIds.DeploymentFailed, Level = LogLevel.Warning, Message = "Deployment {Deployment} on {Endpoint} failed: {Reason}")]
        public static partial void DeploymentFailed(ILogger logger, string deployment, string endpoint, string reason);

        [LoggerMessage(EventId = AzureMlEventIds.Scaling, Level = LogLevel.Information, Message = "Scaling deployment {Deployment} on {Endpoint} from {From} to {To} instances")]
        public static partial void Scaling(ILogger logger, string deployment, string endpoint, int from, int to);

        [LoggerMessage(EventId = AzureMlEventIds.SettingTraffic, Level = LogLevel.Information, Message = "Endpoint {Endpoint}: traffic {From} -> {To}")]
        public static partial void SettingTraffic(ILogger logger, string endpoint, TrafficSplit from, TrafficSplit to);

        [LoggerMessage(EventId = AzureMlEventIds.TrafficUnchanged, Level = LogLevel.Debug, Message = "Endpoint {Endpoint} already has traffic {Split}; nothing sent")]
        public static partial void TrafficUnchanged(ILogger logger, string endpoint, TrafficSplit split);

        [LoggerMessage(EventId = AzureMlEventIds.TrafficRefused, Level = LogLevel.Warning, Message = "Endpoint {Endpoint}: traffic {Split} refused before sending: {Reason}")]
        public static partial void TrafficRefused(ILogger logger, string endpoint, TrafficSplit split, string reason);

        [LoggerMessage(EventId = AzureMlEventIds.DeletingDeployment, Level = LogLevel.Information, Message = "Deleting deployment {Deployment} from {Endpoint}")]
        public static partial void DeletingDeployment(ILogger logger, string deployment, string endpoint);

        [LoggerMessage(EventId = AzureMlEventIds.DeploymentAlreadyGone, Level = LogLevel.Debug, Message = "Deployment {Deployment} of {Endpoint} is already gone")]
        public static partial void DeploymentAlreadyGone(ILogger logger, string deployment, string endpoint);
    }
}
