namespace Orchestrator.Api;

/// <summary>The body of <c>POST /api/v1/keys</c>.</summary>
/// <param name="Name">Unique; 1–64 letters, digits, '.', '_' or '-'; becomes the actor name in the audit log.</param>
/// <param name="Role"><c>viewer</c>, <c>on-call</c>, <c>release-manager</c> or <c>admin</c>.</param>
public sealed record CreateApiKeyRequest(string? Name, string? Role);
