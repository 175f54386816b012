namespace Orchestrator.Targets.Local;

/// <summary>A scoring instance's answer as the forwarding client read it.</summary>
/// <param name="StatusCode">The instance's status code.</param>
/// <param name="Body">The whole body (de-chunked).</param>
/// <param name="ContentType">The raw Content-Type value, or null.</param>
internal readonly record struct Http1Response(int StatusCode, byte[] Body, string? ContentType);
