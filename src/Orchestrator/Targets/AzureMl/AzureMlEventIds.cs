namespace Orchestrator.Targets.AzureMl;

/// <summary>Event ids of the Azure ML target and the Azure Monitor metric source (range 4000–4199, issue 4).</summary>
internal static class AzureMlEventIds
{
    public const int Sending = 4000;
    public const int Received = 4001;
    public const int Retrying = 4002;
    public const int Polling = 4010;
    public const int OperationFinished = 4011;
    public const int CreatingEndpoint = 4020;
    public const int PuttingDeployment = 4021;
    public const int DeploymentSucceeded = 4022;
    public const int DeploymentFailed = 4023;
    public const int Scaling = 4024;
    public const int SettingTraffic = 4025;
    public const int TrafficUnchanged = 4026;
    public const int DeletingDeployment = 4027;
    public const int DeploymentAlreadyGone = 4028;
    public const int Invoking = 4029;
    public const int TrafficRefused = 4030;
    public const int MetricQueried = 4100;
    public const int MetricUnavailable = 4101;
}
