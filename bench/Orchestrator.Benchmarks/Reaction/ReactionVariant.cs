namespace Orchestrator.Benchmarks.Reaction;

/// <summary>One way the node can be set up for the rollback-reaction benchmark.</summary>
/// <param name="Name">As printed.</param>
/// <param name="DurableTraffic">The local host fsyncs each traffic update before it answers.</param>
/// <param name="TwoTransactions">The gate round and the RollingBack transition are committed separately.</param>
internal sealed record ReactionVariant(string Name, bool DurableTraffic, bool TwoTransactions);
