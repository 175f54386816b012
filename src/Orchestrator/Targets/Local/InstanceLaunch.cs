using Orchestrator.Plans;

namespace Orchestrator.Targets.Local;

/// <summary>What an instance (re)starts with: the deployment's spec and the faults in force at that moment.</summary>
internal sealed record InstanceLaunch(DeploymentSpec Spec, FaultInjection Faults);
