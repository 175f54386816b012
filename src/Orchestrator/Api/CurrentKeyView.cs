namespace Orchestrator.Api;

/// <summary>Who the presented API key is, and what its role may do (<c>GET /api/v1/me</c>).</summary>
/// <param name="Name">The key's name: the actor of every command sent with it.</param>
/// <param name="Role">The role's API name (<c>viewer</c>, <c>on-call</c>, <c>release-manager</c>, <c>admin</c>).</param>
/// <param name="Actions">What the role may send: <c>submit</c>, <c>pause</c>, <c>resume</c>, <c>abort</c>, <c>promote</c>, <c>approve</c>, <c>retry</c>; empty for a viewer.</param>
public sealed record CurrentKeyView(string Name, string Role, IReadOnlyList<string> Actions);
