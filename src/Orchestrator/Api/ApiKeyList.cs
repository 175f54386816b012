namespace Orchestrator.Api;

/// <summary>Every key, by name.</summary>
/// <param name="Keys">The keys, without secrets.</param>
public sealed record ApiKeyList(IReadOnlyList<ApiKeyView> Keys);
