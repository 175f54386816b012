namespace AzureMlEmulator;

/// <summary>One scoring request as a deployment served it; the metrics API is computed from these.</summary>
/// <param name="At">When (emulator clock).</param>
/// <param name="Endpoint">Endpoint name.</param>
/// <param name="Deployment">The deployment that served it ("" when none could).</param>
/// <param name="StatusCode">The status the front door answered.</param>
/// <param name="ModelStatusCode">The model container's status ("" when not applicable).</param>
/// <param name="LatencyMs">Latency in milliseconds, injected latency included.</param>
/// <param name="Mirrored">A mirrored copy whose answer was dropped.</param>
/// <param name="Pinned">Sent with the <c>azureml-model-deployment</c> header.</param>
public sealed record ScoringRecord(DateTimeOffset At, string Endpoint, string Deployment, int StatusCode, string ModelStatusCode, double LatencyMs, bool Mirrored, bool Pinned)
{
    /// <summary><c>2xx</c>, <c>4xx</c>, <c>5xx</c> (the emulator's choice for the undocumented dimension, contract §4.2).</summary>
    public string StatusCodeClass => $"{StatusCode / 100}xx";
}
