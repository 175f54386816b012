namespace Orchestrator.Targets.Local;

/// <summary>One instance of a local deployment as it is now.</summary>
/// <param name="Name"><c>endpoint/deployment/slot</c>.</param>
/// <param name="ProcessId">The running process, if any.</param>
/// <param name="Ready">True when it passed its readiness probe and takes requests.</param>
/// <param name="Restarts">Restarts after it exited unasked.</param>
/// <param name="Address">Where the process itself listens while ready (loopback; no key: the endpoint in front checks keys).</param>
public sealed record LocalInstanceInfo(string Name, int? ProcessId, bool Ready, int Restarts, Uri? Address);
