namespace Orchestrator.Api;

/// <summary>The optional body of an action (<c>{ "reason": "..." }</c>); abort requires the reason.</summary>
/// <param name="Reason">Why; goes to the audit log.</param>
public sealed record ActionRequest(string? Reason);
