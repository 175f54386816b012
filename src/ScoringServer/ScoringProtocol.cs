namespace ScoringServer;

/// <summary>
/// The contract between the local endpoint host and a scoring process (docs/local-host.md): how the process is
/// started, how it announces its port, and its loopback routes. The host references this assembly, so both
/// sides read the same constants.
/// </summary>
public static class ScoringProtocol
{
    /// <summary>The stdout line that tells the host which port was bound, followed by the port number.</summary>
    public const string ListeningPrefix = "SCORING_SERVER_LISTENING port=";

    /// <summary>
    /// The stdout line a process writes once it is warm, just before <see cref="ListeningPrefix"/>: e.g.
    /// <c>SCORING_SERVER_WARM requests=5 first_ms=41.2 last_ms=0.9</c> (the host keeps it in the instance's log).
    /// </summary>
    public const string WarmPrefix = "SCORING_SERVER_WARM ";

    /// <summary>
    /// How many requests the process sends through its own HTTP pipeline before it announces its port (default
    /// <see cref="DefaultWarmUpRequests"/>; 0 turns the warm-up off, which the first-request benchmark compares against).
    /// </summary>
    public const string WarmUpRequestsVariable = "SCORING_WARMUP_REQUESTS";

    /// <summary>Warm-up requests when <see cref="WarmUpRequestsVariable"/> is not set.</summary>
    public const int DefaultWarmUpRequests = 5;

    /// <summary>The environment variable that carries the control token (kept off the command line).</summary>
    public const string ControlTokenVariable = "SCORING_CONTROL_TOKEN";

    /// <summary>The header that carries the control token on <see cref="FaultsPath"/>.</summary>
    public const string ControlTokenHeader = "x-control-token";

    /// <summary>Scoring: <c>POST {"data": [[...], ...]}</c>.</summary>
    public const string ScorePath = "/score";

    /// <summary>Readiness probe: <c>GET</c>, 200 when ready.</summary>
    public const string HealthPath = "/health";

    /// <summary>Replaces the injected faults: <c>POST</c> a <see cref="FaultSettings"/> JSON body.</summary>
    public const string FaultsPath = "/faults";

    /// <summary>Exit code for bad arguments or an unloadable model.</summary>
    public const int StartupErrorExitCode = 2;

    /// <summary>Exit code of an injected crash (crash after N requests).</summary>
    public const int InjectedCrashExitCode = 3;
}
